using AccountAdmin.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AccountAdmin.Tests.Core.Data.HandWrittenMigrations;

/// <summary>
/// The first schema. Column types are left to the provider, so the one migration serves SQLite
/// and PostgreSQL alike; MigrationSchemaTests proves the result equals the model on both.
/// </summary>
[DbContext(typeof(AccountAdminDbContext))]
[Migration("20261122120000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var ordinal = migrationBuilder.OrdinalCollation();

        migrationBuilder.CreateTable(
            name: "Agencies",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Agencies", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Divisions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                Description = table.Column<string>(maxLength: 1000, nullable: true),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                NormalizedName = table.Column<string>(maxLength: 200, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Divisions", x => x.Id);
                table.ForeignKey("FK_Divisions_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Accounts",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                DivisionId = table.Column<Guid>(nullable: true),
                Name = table.Column<string>(maxLength: 200, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Accounts", x => x.Id);
                table.ForeignKey("FK_Accounts_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Accounts_Divisions_DivisionId", x => x.DivisionId, "Divisions", "Id", onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateTable(
            name: "AccessControlGroups",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AccountId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AccessControlGroups", x => x.Id);
                table.ForeignKey("FK_AccessControlGroups_Accounts_AccountId", x => x.AccountId, "Accounts", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUsers",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AccessFailedCount = table.Column<int>(nullable: false),
                ArchivedAt = table.Column<DateTime>(nullable: true),
                ConcurrencyStamp = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                Email = table.Column<string>(maxLength: 256, nullable: true),
                EmailConfirmed = table.Column<bool>(nullable: false),
                EmailKey = table.Column<string>(maxLength: 300, nullable: false, collation: ordinal),
                FirstName = table.Column<string>(maxLength: 100, nullable: false),
                HomeAccountId = table.Column<Guid>(nullable: true),
                IsSupportStaff = table.Column<bool>(nullable: false),
                LastName = table.Column<string>(maxLength: 100, nullable: false),
                LastSignInAt = table.Column<DateTime>(nullable: true),
                LockoutEnabled = table.Column<bool>(nullable: false),
                LockoutEnd = table.Column<DateTimeOffset>(nullable: true),
                NameKey = table.Column<string>(maxLength: 600, nullable: false, collation: ordinal),
                Nickname = table.Column<string>(maxLength: 100, nullable: true),
                NormalizedEmail = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedUserName = table.Column<string>(maxLength: 256, nullable: true),
                PasswordHash = table.Column<string>(nullable: true),
                PhoneNumber = table.Column<string>(nullable: true),
                PhoneNumberConfirmed = table.Column<bool>(nullable: false),
                SecurityStamp = table.Column<string>(nullable: true),
                SignInKey = table.Column<string>(maxLength: 330, nullable: false, collation: ordinal),
                TwoFactorEnabled = table.Column<bool>(nullable: false),
                UserName = table.Column<string>(maxLength: 256, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUsers", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "AccessControlGroupMembers",
            columns: table => new
            {
                GroupId = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AccessControlGroupMembers", x => new { x.GroupId, x.UserId });
                table.ForeignKey("FK_AccessControlGroupMembers_AccessControlGroups_GroupId", x => x.GroupId, "AccessControlGroups", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_AccessControlGroupMembers_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AgencyRoleGrants",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                GrantedAt = table.Column<DateTime>(nullable: false),
                GrantedById = table.Column<Guid>(nullable: true),
                Role = table.Column<string>(maxLength: 32, nullable: false),
                UserId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AgencyRoleGrants", x => x.Id);
                table.ForeignKey("FK_AgencyRoleGrants_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_AgencyRoleGrants_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserClaims",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false),
                ClaimType = table.Column<string>(nullable: true),
                ClaimValue = table.Column<string>(nullable: true),
                UserId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                table.ForeignKey("FK_AspNetUserClaims_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserLogins",
            columns: table => new
            {
                LoginProvider = table.Column<string>(nullable: false),
                ProviderKey = table.Column<string>(nullable: false),
                ProviderDisplayName = table.Column<string>(nullable: true),
                UserId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                table.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserTokens",
            columns: table => new
            {
                UserId = table.Column<Guid>(nullable: false),
                LoginProvider = table.Column<string>(nullable: false),
                Name = table.Column<string>(nullable: false),
                Value = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                table.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AuditEvents",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AccountId = table.Column<Guid>(nullable: true),
                Action = table.Column<string>(maxLength: 64, nullable: false),
                ActorUserId = table.Column<Guid>(nullable: true),
                AgencyId = table.Column<Guid>(nullable: true),
                ClientIp = table.Column<string>(maxLength: 64, nullable: true),
                Details = table.Column<string>(maxLength: 4000, nullable: true),
                ImpersonatorUserId = table.Column<Guid>(nullable: true),
                OccurredAt = table.Column<DateTime>(nullable: false),
                TargetUserId = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AuditEvents", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "DivisionAdministrators",
            columns: table => new
            {
                DivisionId = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                AddedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DivisionAdministrators", x => new { x.DivisionId, x.UserId });
                table.ForeignKey("FK_DivisionAdministrators_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_DivisionAdministrators_Divisions_DivisionId", x => x.DivisionId, "Divisions", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "DivisionMembers",
            columns: table => new
            {
                DivisionId = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                AddedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DivisionMembers", x => new { x.DivisionId, x.UserId });
                table.ForeignKey("FK_DivisionMembers_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_DivisionMembers_Divisions_DivisionId", x => x.DivisionId, "Divisions", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Memberships",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AccountId = table.Column<Guid>(nullable: false),
                EmailKey = table.Column<string>(maxLength: 300, nullable: false, collation: ordinal),
                EndedAt = table.Column<DateTime>(nullable: true),
                EndedById = table.Column<Guid>(nullable: true),
                GrantedAt = table.Column<DateTime>(nullable: false),
                GrantedById = table.Column<Guid>(nullable: true),
                NameKey = table.Column<string>(maxLength: 600, nullable: false, collation: ordinal),
                Role = table.Column<string>(maxLength: 32, nullable: false),
                SignInKey = table.Column<string>(maxLength: 330, nullable: false, collation: ordinal),
                Status = table.Column<string>(maxLength: 32, nullable: false),
                SuspendedAt = table.Column<DateTime>(nullable: true),
                SuspendedById = table.Column<Guid>(nullable: true),
                UserId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Memberships", x => x.Id);
                table.ForeignKey("FK_Memberships_Accounts_AccountId", x => x.AccountId, "Accounts", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Memberships_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "OutboxMessages",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Attempts = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                HtmlBody = table.Column<string>(nullable: false),
                LastError = table.Column<string>(maxLength: 2000, nullable: true),
                NextAttemptAt = table.Column<DateTime>(nullable: false),
                SentAt = table.Column<DateTime>(nullable: true),
                Subject = table.Column<string>(maxLength: 300, nullable: false),
                TextBody = table.Column<string>(nullable: false),
                To = table.Column<string>(maxLength: 320, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OutboxMessages", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "OwnerRemovalRequests",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AccountId = table.Column<Guid>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                DecidedAt = table.Column<DateTime>(nullable: true),
                NewRole = table.Column<string>(maxLength: 32, nullable: false),
                OwnerUserId = table.Column<Guid>(nullable: false),
                RequestedById = table.Column<Guid>(nullable: false),
                Status = table.Column<string>(maxLength: 32, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OwnerRemovalRequests", x => x.Id);
                table.ForeignKey("FK_OwnerRemovalRequests_Accounts_AccountId", x => x.AccountId, "Accounts", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_OwnerRemovalRequests_AspNetUsers_OwnerUserId", x => x.OwnerUserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_OwnerRemovalRequests_AspNetUsers_RequestedById", x => x.RequestedById, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Schedules",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AccountId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                TimeZoneId = table.Column<string>(maxLength: 100, nullable: false),
                WeeklyHours = table.Column<string>(maxLength: 2000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Schedules", x => x.Id);
                table.ForeignKey("FK_Schedules_Accounts_AccountId", x => x.AccountId, "Accounts", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_Divisions_AgencyId_NormalizedName", "Divisions", columns: ["AgencyId", "NormalizedName"], unique: true);
        migrationBuilder.CreateIndex("IX_Accounts_AgencyId_Name", "Accounts", columns: ["AgencyId", "Name"]);
        migrationBuilder.CreateIndex("IX_Accounts_DivisionId", "Accounts", column: "DivisionId");
        migrationBuilder.CreateIndex("IX_AccessControlGroups_AccountId_Name", "AccessControlGroups", columns: ["AccountId", "Name"], unique: true);
        migrationBuilder.CreateIndex("EmailIndex", "AspNetUsers", column: "NormalizedEmail", unique: true);
        migrationBuilder.CreateIndex("IX_AspNetUsers_HomeAccountId", "AspNetUsers", column: "HomeAccountId");
        migrationBuilder.CreateIndex("UserNameIndex", "AspNetUsers", column: "NormalizedUserName", unique: true);
        migrationBuilder.CreateIndex("IX_AccessControlGroupMembers_UserId", "AccessControlGroupMembers", column: "UserId");
        migrationBuilder.CreateIndex("IX_AgencyRoleGrants_AgencyId_UserId_Role", "AgencyRoleGrants", columns: ["AgencyId", "UserId", "Role"], unique: true);
        migrationBuilder.CreateIndex("IX_AgencyRoleGrants_UserId", "AgencyRoleGrants", column: "UserId");
        migrationBuilder.CreateIndex("IX_AspNetUserClaims_UserId", "AspNetUserClaims", column: "UserId");
        migrationBuilder.CreateIndex("IX_AspNetUserLogins_UserId", "AspNetUserLogins", column: "UserId");
        migrationBuilder.CreateIndex("IX_AuditEvents_AccountId_OccurredAt", "AuditEvents", columns: ["AccountId", "OccurredAt"]);
        migrationBuilder.CreateIndex("IX_AuditEvents_ActorUserId_OccurredAt", "AuditEvents", columns: ["ActorUserId", "OccurredAt"]);
        migrationBuilder.CreateIndex("IX_AuditEvents_AgencyId_OccurredAt", "AuditEvents", columns: ["AgencyId", "OccurredAt"]);
        migrationBuilder.CreateIndex("IX_AuditEvents_OccurredAt", "AuditEvents", column: "OccurredAt");
        migrationBuilder.CreateIndex("IX_AuditEvents_TargetUserId_OccurredAt", "AuditEvents", columns: ["TargetUserId", "OccurredAt"]);
        migrationBuilder.CreateIndex("IX_DivisionAdministrators_UserId", "DivisionAdministrators", column: "UserId");
        migrationBuilder.CreateIndex("IX_DivisionMembers_UserId", "DivisionMembers", column: "UserId");
        migrationBuilder.CreateIndex("IX_Memberships_AccountId_UserId", "Memberships", columns: ["AccountId", "UserId"], unique: true);
        migrationBuilder.CreateIndex("IX_Memberships_Current_Email", "Memberships", columns: ["AccountId", "EmailKey"], filter: "\"EndedAt\" IS NULL");
        migrationBuilder.CreateIndex("IX_Memberships_Current_Name", "Memberships", columns: ["AccountId", "NameKey"], filter: "\"EndedAt\" IS NULL");
        migrationBuilder.CreateIndex("IX_Memberships_Current_SignIn", "Memberships", columns: ["AccountId", "SignInKey"], filter: "\"EndedAt\" IS NULL");
        migrationBuilder.CreateIndex("IX_Memberships_Ended", "Memberships", columns: ["AccountId", "EndedAt"], filter: "\"EndedAt\" IS NOT NULL");
        migrationBuilder.CreateIndex("IX_Memberships_UserId", "Memberships", column: "UserId");
        migrationBuilder.CreateIndex("IX_OutboxMessages_Pending", "OutboxMessages", column: "NextAttemptAt", filter: "\"SentAt\" IS NULL");
        migrationBuilder.CreateIndex("IX_OwnerRemovalRequests_AccountId_Status", "OwnerRemovalRequests", columns: ["AccountId", "Status"]);
        migrationBuilder.CreateIndex("IX_OwnerRemovalRequests_OwnerUserId_Status", "OwnerRemovalRequests", columns: ["OwnerUserId", "Status"]);
        migrationBuilder.CreateIndex("IX_OwnerRemovalRequests_RequestedById", "OwnerRemovalRequests", column: "RequestedById");
        migrationBuilder.CreateIndex("IX_Schedules_AccountId_Name", "Schedules", columns: ["AccountId", "Name"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("Schedules");
        migrationBuilder.DropTable("OwnerRemovalRequests");
        migrationBuilder.DropTable("OutboxMessages");
        migrationBuilder.DropTable("Memberships");
        migrationBuilder.DropTable("DivisionMembers");
        migrationBuilder.DropTable("DivisionAdministrators");
        migrationBuilder.DropTable("AuditEvents");
        migrationBuilder.DropTable("AspNetUserTokens");
        migrationBuilder.DropTable("AspNetUserLogins");
        migrationBuilder.DropTable("AspNetUserClaims");
        migrationBuilder.DropTable("AgencyRoleGrants");
        migrationBuilder.DropTable("AccessControlGroupMembers");
        migrationBuilder.DropTable("AspNetUsers");
        migrationBuilder.DropTable("AccessControlGroups");
        migrationBuilder.DropTable("Accounts");
        migrationBuilder.DropTable("Divisions");
        migrationBuilder.DropTable("Agencies");
    }
}
