using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountAdmin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AccountMemberCount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MemberCount",
                table: "Accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Manage Users' total, read from the account's row instead of counting its memberships' index on every page;
            // kept by triggers in the transaction of each change to a membership, whichever code makes it. EF's model
            // can't describe triggers: MigrationSchemaTests checks them.
            migrationBuilder.Sql("""
                CREATE TRIGGER "Memberships_Count_Insert" AFTER INSERT ON "Memberships" WHEN new."EndedAt" IS NULL BEGIN
                    UPDATE "Accounts" SET "MemberCount" = "MemberCount" + 1 WHERE "Id" = new."AccountId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Memberships_Count_Delete" AFTER DELETE ON "Memberships" WHEN old."EndedAt" IS NULL BEGIN
                    UPDATE "Accounts" SET "MemberCount" = "MemberCount" - 1 WHERE "Id" = old."AccountId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Memberships_Count_Update" AFTER UPDATE OF "EndedAt", "AccountId" ON "Memberships"
                WHEN (old."EndedAt" IS NULL) <> (new."EndedAt" IS NULL) OR old."AccountId" <> new."AccountId" BEGIN
                    UPDATE "Accounts" SET "MemberCount" = "MemberCount" - 1 WHERE "Id" = old."AccountId" AND old."EndedAt" IS NULL;
                    UPDATE "Accounts" SET "MemberCount" = "MemberCount" + 1 WHERE "Id" = new."AccountId" AND new."EndedAt" IS NULL;
                END;
                """);
            migrationBuilder.Sql("""
                UPDATE "Accounts" SET "MemberCount" = (
                    SELECT COUNT(*) FROM "Memberships" AS m WHERE m."AccountId" = "Accounts"."Id" AND m."EndedAt" IS NULL);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "Memberships_Count_Update";""");
            migrationBuilder.Sql("""DROP TRIGGER "Memberships_Count_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER "Memberships_Count_Insert";""");
            migrationBuilder.DropColumn(
                name: "MemberCount",
                table: "Accounts");
        }
    }
}
