using AccountAdmin.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AccountAdmin.Tests.Core.Data.HandWrittenMigrations;

/// <summary>Outbox messages given up on, for support staff to see.</summary>
[DbContext(typeof(AccountAdminDbContext))]
[Migration("20261201042000_UndeliverableEmail")]
public sealed class UndeliverableEmail : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTime>(name: "FailedAt", table: "OutboxMessages", nullable: true);
        migrationBuilder.CreateIndex("IX_OutboxMessages_Undeliverable", "OutboxMessages", "FailedAt", filter: "\"FailedAt\" IS NOT NULL");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_OutboxMessages_Undeliverable", "OutboxMessages");
        migrationBuilder.DropColumn("FailedAt", "OutboxMessages");
    }
}
