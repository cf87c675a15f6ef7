using AccountAdmin.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AccountAdmin.Tests.Core.Data.HandWrittenMigrations;

/// <summary>Impersonations (seed 004's "log in as"), and the audit log's index for what impersonators did.</summary>
[DbContext(typeof(AccountAdminDbContext))]
[Migration("20261122230000_Impersonations")]
public sealed class Impersonations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Impersonations",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AccountId = table.Column<Guid>(nullable: true),
                AgencyId = table.Column<Guid>(nullable: true),
                BySupport = table.Column<bool>(nullable: false),
                EndReason = table.Column<string>(maxLength: 32, nullable: true),
                EndedAt = table.Column<DateTime>(nullable: true),
                ExpiresAt = table.Column<DateTime>(nullable: false),
                ImpersonatorUserId = table.Column<Guid>(nullable: false),
                Reason = table.Column<string>(maxLength: 500, nullable: true),
                StartedAt = table.Column<DateTime>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Impersonations", x => x.Id);
                table.ForeignKey("FK_Impersonations_AspNetUsers_ImpersonatorUserId", x => x.ImpersonatorUserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Impersonations_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex("IX_Impersonations_ImpersonatorUserId_StartedAt", "Impersonations", columns: ["ImpersonatorUserId", "StartedAt"]);
        migrationBuilder.CreateIndex("IX_Impersonations_UserId_StartedAt", "Impersonations", columns: ["UserId", "StartedAt"]);

        // The audit log pages on (time, id): every index it reads ends with both.
        foreach (var (old, columns) in AuditIndexes)
        {
            migrationBuilder.DropIndex(old, "AuditEvents");
            migrationBuilder.CreateIndex($"IX_AuditEvents_{string.Join('_', columns)}", "AuditEvents", columns: columns);
        }

        migrationBuilder.CreateIndex("IX_AuditEvents_ImpersonatorUserId_OccurredAt_Id", "AuditEvents", columns: ["ImpersonatorUserId", "OccurredAt", "Id"]);
    }

    /// <summary>The initial migration's audit indexes, and the columns each now has.</summary>
    private static readonly (string Old, string[] Columns)[] AuditIndexes =
    [
        ("IX_AuditEvents_AccountId_OccurredAt", ["AccountId", "OccurredAt", "Id"]),
        ("IX_AuditEvents_AgencyId_OccurredAt", ["AgencyId", "OccurredAt", "Id"]),
        ("IX_AuditEvents_ActorUserId_OccurredAt", ["ActorUserId", "OccurredAt", "Id"]),
        ("IX_AuditEvents_TargetUserId_OccurredAt", ["TargetUserId", "OccurredAt", "Id"]),
        ("IX_AuditEvents_OccurredAt", ["OccurredAt", "Id"]),
    ];

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_AuditEvents_ImpersonatorUserId_OccurredAt_Id", "AuditEvents");
        foreach (var (old, columns) in AuditIndexes)
        {
            migrationBuilder.DropIndex($"IX_AuditEvents_{string.Join('_', columns)}", "AuditEvents");
            migrationBuilder.CreateIndex(old, "AuditEvents", columns: columns[..^1]);
        }

        migrationBuilder.DropTable("Impersonations");
    }
}
