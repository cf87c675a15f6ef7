using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AccountAdmin.Core.Data.Migrations;

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
        migrationBuilder.CreateIndex("IX_AuditEvents_ImpersonatorUserId_OccurredAt", "AuditEvents", columns: ["ImpersonatorUserId", "OccurredAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_AuditEvents_ImpersonatorUserId_OccurredAt", "AuditEvents");
        migrationBuilder.DropTable("Impersonations");
    }
}
