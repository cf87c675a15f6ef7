using AccountAdmin.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AccountAdmin.Tests.Core.Data.HandWrittenMigrations;

/// <summary>Agent Profile, Agent Contact and preferences of seeds 001 and 004; an agent's schedule in each account.</summary>
[DbContext(typeof(AccountAdminDbContext))]
[Migration("20261122150000_UserSettings")]
public sealed class UserSettings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ProfilePictures",
            columns: table => new
            {
                UserId = table.Column<Guid>(nullable: false),
                Content = table.Column<byte[]>(nullable: false),
                ContentType = table.Column<string>(maxLength: 32, nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProfilePictures", x => x.UserId);
                table.ForeignKey("FK_ProfilePictures_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ScheduleAssignments",
            columns: table => new
            {
                AccountId = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                ScheduleId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ScheduleAssignments", x => new { x.AccountId, x.UserId });
                table.ForeignKey("FK_ScheduleAssignments_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ScheduleAssignments_Schedules_ScheduleId", x => x.ScheduleId, "Schedules", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "UserSettings",
            columns: table => new
            {
                UserId = table.Column<Guid>(nullable: false),
                CallWaiting = table.Column<bool>(nullable: false),
                ContactTab = table.Column<string>(maxLength: 32, nullable: false),
                DailyEmailReminders = table.Column<bool>(nullable: false),
                DialAppFirst = table.Column<bool>(nullable: false),
                DirectDialExtension = table.Column<string>(maxLength: 10, nullable: true),
                DirectDialNumber = table.Column<string>(maxLength: 20, nullable: true),
                LandingPage = table.Column<string>(maxLength: 32, nullable: false),
                MissedCallEmail = table.Column<string>(maxLength: 32, nullable: false),
                SalesforceId = table.Column<string>(maxLength: 64, nullable: true),
                ShowCalendar = table.Column<bool>(nullable: false),
                SipAddress = table.Column<string>(maxLength: 256, nullable: true),
                SoftphoneBitrate = table.Column<int>(nullable: false),
                StripeId = table.Column<string>(maxLength: 64, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_UserSettings", x => x.UserId);
                table.ForeignKey("FK_UserSettings_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_ScheduleAssignments_ScheduleId", "ScheduleAssignments", column: "ScheduleId");
        migrationBuilder.CreateIndex("IX_ScheduleAssignments_UserId", "ScheduleAssignments", column: "UserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("UserSettings");
        migrationBuilder.DropTable("ScheduleAssignments");
        migrationBuilder.DropTable("ProfilePictures");
    }
}
