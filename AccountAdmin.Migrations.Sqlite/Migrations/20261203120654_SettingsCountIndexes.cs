using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountAdmin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SettingsCountIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_RoutingAgents_RoutingMethodId_Position",
                table: "RoutingAgents",
                columns: new[] { "RoutingMethodId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_Current",
                table: "Memberships",
                columns: new[] { "AccountId", "UserId" },
                filter: "\"EndedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RoutingAgents_RoutingMethodId_Position",
                table: "RoutingAgents");

            migrationBuilder.DropIndex(
                name: "IX_Memberships_Current",
                table: "Memberships");
        }
    }
}
