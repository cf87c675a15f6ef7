using AccountAdmin.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AccountAdmin.Tests.Core.Data.HandWrittenMigrations;

/// <summary>Sessions recorded on the server, so that signing out ends a session everywhere its cookie went.</summary>
[DbContext(typeof(AccountAdminDbContext))]
[Migration("20261201040000_UserSessions")]
public sealed class UserSessions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "UserSessions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ClientIp = table.Column<string>(maxLength: 64, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                EndReason = table.Column<string>(maxLength: 32, nullable: true),
                EndedAt = table.Column<DateTime>(nullable: true),
                UserAgent = table.Column<string>(maxLength: 256, nullable: true),
                UserId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_UserSessions", x => x.Id);
                table.ForeignKey("FK_UserSessions_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_UserSessions_UserId_CreatedAt", "UserSessions", columns: ["UserId", "CreatedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("UserSessions");
}
