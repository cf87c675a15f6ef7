using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountAdmin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MembershipFilterIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Memberships_Current_Role",
                table: "Memberships",
                columns: new[] { "AccountId", "Role", "NameKey" },
                filter: "\"EndedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_Current_Status",
                table: "Memberships",
                columns: new[] { "AccountId", "Status", "NameKey" },
                filter: "\"EndedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Memberships_Current_Role",
                table: "Memberships");

            migrationBuilder.DropIndex(
                name: "IX_Memberships_Current_Status",
                table: "Memberships");
        }
    }
}
