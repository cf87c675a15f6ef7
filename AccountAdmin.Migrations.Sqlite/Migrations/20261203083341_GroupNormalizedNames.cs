using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountAdmin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class GroupNormalizedNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AccessControlGroups_AccountId_Name",
                table: "AccessControlGroups");

            migrationBuilder.AddColumn<string>(
                name: "NormalizedName",
                table: "AccessControlGroups",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // Existing groups get their normalized name before it must be unique (the model sets it on every save).
            // Names that differ only by case in one account could not both stay: the later keeps its name with the start
            // of its id after it, "Sales (1a2b3c4d)", and can be renamed from the settings page.
            migrationBuilder.Sql(
                "UPDATE \"AccessControlGroups\" AS g SET \"Name\" = substr(g.\"Name\", 1, 188) || ' (' || substr(CAST(g.\"Id\" AS TEXT), 1, 8) || ')' " +
                "WHERE EXISTS (SELECT 1 FROM \"AccessControlGroups\" AS o WHERE o.\"AccountId\" = g.\"AccountId\" AND UPPER(o.\"Name\") = UPPER(g.\"Name\") AND o.\"Id\" < g.\"Id\");");
            migrationBuilder.Sql("UPDATE \"AccessControlGroups\" SET \"NormalizedName\" = UPPER(\"Name\");");

            // The default only filled the existing rows; the model has none.
            migrationBuilder.AlterColumn<string>(
                name: "NormalizedName",
                table: "AccessControlGroups",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 200,
                oldDefaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_AccessControlGroups_AccountId_NormalizedName",
                table: "AccessControlGroups",
                columns: new[] { "AccountId", "NormalizedName" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AccessControlGroups_AccountId_NormalizedName",
                table: "AccessControlGroups");

            migrationBuilder.DropColumn(
                name: "NormalizedName",
                table: "AccessControlGroups");

            migrationBuilder.CreateIndex(
                name: "IX_AccessControlGroups_AccountId_Name",
                table: "AccessControlGroups",
                columns: new[] { "AccountId", "Name" },
                unique: true);
        }
    }
}
