using AccountAdmin.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AccountAdmin.Tests.Core.Data.HandWrittenMigrations;

/// <summary>Bulk Add's applied batches and the users each made or gave access (seed 001).</summary>
[DbContext(typeof(AccountAdminDbContext))]
[Migration("20261122190000_BulkImports")]
public sealed class BulkImports : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "BulkImports",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AccountId = table.Column<Guid>(nullable: false),
                ActorUserId = table.Column<Guid>(nullable: false),
                AlreadyMembers = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                Granted = table.Column<int>(nullable: false),
                Invalid = table.Column<int>(nullable: false),
                InvitationsSentAt = table.Column<DateTime>(nullable: true),
                Lines = table.Column<int>(nullable: false),
                NewUsers = table.Column<int>(nullable: false),
                Rejected = table.Column<string>(nullable: false),
                Role = table.Column<string>(maxLength: 32, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_BulkImports", x => x.Id);
                table.ForeignKey("FK_BulkImports_Accounts_AccountId", x => x.AccountId, "Accounts", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "BulkImportUsers",
            columns: table => new
            {
                ImportId = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                Created = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_BulkImportUsers", x => new { x.ImportId, x.UserId });
                table.ForeignKey("FK_BulkImportUsers_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_BulkImportUsers_BulkImports_ImportId", x => x.ImportId, "BulkImports", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_BulkImports_AccountId_CreatedAt", "BulkImports", columns: ["AccountId", "CreatedAt"]);
        migrationBuilder.CreateIndex("IX_BulkImportUsers_UserId", "BulkImportUsers", column: "UserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("BulkImportUsers");
        migrationBuilder.DropTable("BulkImports");
    }
}
