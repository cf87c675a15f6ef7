using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AccountAdmin.Migrations.PostgreSql.Migrations
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Manage Users' total, read from the account's row instead of counting its memberships' index on every page;
            // kept by triggers in the transaction of each change, whichever code makes it: added and deleted rows by
            // statement (a Bulk Add of 10,000 is one update of the account), an update only where it ends, restores or
            // moves a membership (a sign-in's new sort keys don't touch the account's row). MigrationSchemaTests checks them.
            migrationBuilder.Sql("""
                CREATE FUNCTION "Memberships_Count_Added"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "Accounts" AS a SET "MemberCount" = a."MemberCount" + c.n
                    FROM (SELECT "AccountId", COUNT(*) AS n FROM new_rows WHERE "EndedAt" IS NULL GROUP BY "AccountId") AS c
                    WHERE a."Id" = c."AccountId";
                    RETURN NULL;
                END;
                $$;
                CREATE FUNCTION "Memberships_Count_Deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "Accounts" AS a SET "MemberCount" = a."MemberCount" - c.n
                    FROM (SELECT "AccountId", COUNT(*) AS n FROM old_rows WHERE "EndedAt" IS NULL GROUP BY "AccountId") AS c
                    WHERE a."Id" = c."AccountId";
                    RETURN NULL;
                END;
                $$;
                CREATE FUNCTION "Memberships_Count_Changed"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF old."EndedAt" IS NULL THEN
                        UPDATE "Accounts" SET "MemberCount" = "MemberCount" - 1 WHERE "Id" = old."AccountId";
                    END IF;
                    IF new."EndedAt" IS NULL THEN
                        UPDATE "Accounts" SET "MemberCount" = "MemberCount" + 1 WHERE "Id" = new."AccountId";
                    END IF;
                    RETURN NULL;
                END;
                $$;
                CREATE TRIGGER "Memberships_Count_Insert" AFTER INSERT ON "Memberships"
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "Memberships_Count_Added"();
                CREATE TRIGGER "Memberships_Count_Delete" AFTER DELETE ON "Memberships"
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "Memberships_Count_Deleted"();
                CREATE TRIGGER "Memberships_Count_Update" AFTER UPDATE OF "EndedAt", "AccountId" ON "Memberships" FOR EACH ROW
                    WHEN ((old."EndedAt" IS NULL) <> (new."EndedAt" IS NULL) OR old."AccountId" <> new."AccountId")
                    EXECUTE FUNCTION "Memberships_Count_Changed"();
                """);
            migrationBuilder.Sql("""
                UPDATE "Accounts" AS a SET "MemberCount" = (
                    SELECT COUNT(*) FROM "Memberships" AS m WHERE m."AccountId" = a."Id" AND m."EndedAt" IS NULL);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "Memberships_Count_Delete" ON "Memberships";
                DROP TRIGGER "Memberships_Count_Update" ON "Memberships";
                DROP TRIGGER "Memberships_Count_Insert" ON "Memberships";
                DROP FUNCTION "Memberships_Count_Changed"();
                DROP FUNCTION "Memberships_Count_Deleted"();
                DROP FUNCTION "Memberships_Count_Added"();
                """);
            migrationBuilder.DropColumn(
                name: "MemberCount",
                table: "Accounts");
        }
    }
}
