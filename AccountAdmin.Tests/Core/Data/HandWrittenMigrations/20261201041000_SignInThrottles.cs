using AccountAdmin.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AccountAdmin.Tests.Core.Data.HandWrittenMigrations;

/// <summary>Failed sign-ins counted per sign-in name, known or not, in place of Identity's per-user lockout.</summary>
[DbContext(typeof(AccountAdminDbContext))]
[Migration("20261201041000_SignInThrottles")]
public sealed class SignInThrottles : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateTable(
            name: "SignInThrottles",
            columns: table => new
            {
                Key = table.Column<string>(maxLength: 400, nullable: false),
                Failures = table.Column<int>(nullable: false),
                LockedUntil = table.Column<DateTime>(nullable: true),
                Lockouts = table.Column<int>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_SignInThrottles", x => x.Key));

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("SignInThrottles");
}
