using AccountAdmin.E2E.Infrastructure;

namespace AccountAdmin.E2E.Journeys;

// Every journey runs once on each engine, each engine's portal a process of its own.

[Collection(SqliteCollection.Name)]
public sealed class AccountSwitcherJourneysOnSqlite(SqlitePortal portal) : AccountSwitcherJourneys(portal);

[Collection(PostgreSqlCollection.Name)]
public sealed class AccountSwitcherJourneysOnPostgreSql(PostgreSqlPortal portal) : AccountSwitcherJourneys(portal);

[Collection(SqliteCollection.Name)]
public sealed class ArchiveAndRestoreJourneysOnSqlite(SqlitePortal portal) : ArchiveAndRestoreJourneys(portal);

[Collection(PostgreSqlCollection.Name)]
public sealed class ArchiveAndRestoreJourneysOnPostgreSql(PostgreSqlPortal portal) : ArchiveAndRestoreJourneys(portal);

[Collection(SqliteCollection.Name)]
public sealed class BulkAddJourneysOnSqlite(SqlitePortal portal) : BulkAddJourneys(portal);

[Collection(PostgreSqlCollection.Name)]
public sealed class BulkAddJourneysOnPostgreSql(PostgreSqlPortal portal) : BulkAddJourneys(portal);

[Collection(SqliteCollection.Name)]
public sealed class DivisionJourneysOnSqlite(SqlitePortal portal) : DivisionJourneys(portal);

[Collection(PostgreSqlCollection.Name)]
public sealed class DivisionJourneysOnPostgreSql(PostgreSqlPortal portal) : DivisionJourneys(portal);

[Collection(SqliteCollection.Name)]
public sealed class EditUserJourneysOnSqlite(SqlitePortal portal) : EditUserJourneys(portal);

[Collection(PostgreSqlCollection.Name)]
public sealed class EditUserJourneysOnPostgreSql(PostgreSqlPortal portal) : EditUserJourneys(portal);

[Collection(SqliteCollection.Name)]
public sealed class EmailDeliveryJourneysOnSqlite(SqlitePortal portal) : EmailDeliveryJourneys(portal);

[Collection(PostgreSqlCollection.Name)]
public sealed class EmailDeliveryJourneysOnPostgreSql(PostgreSqlPortal portal) : EmailDeliveryJourneys(portal);

[Collection(SqliteCollection.Name)]
public sealed class ImpersonationJourneysOnSqlite(SqlitePortal portal) : ImpersonationJourneys(portal);

[Collection(PostgreSqlCollection.Name)]
public sealed class ImpersonationJourneysOnPostgreSql(PostgreSqlPortal portal) : ImpersonationJourneys(portal);

[Collection(SqliteCollection.Name)]
public sealed class ManageUsersJourneysOnSqlite(SqlitePortal portal) : ManageUsersJourneys(portal);

[Collection(PostgreSqlCollection.Name)]
public sealed class ManageUsersJourneysOnPostgreSql(PostgreSqlPortal portal) : ManageUsersJourneys(portal);

[Collection(SqliteCollection.Name)]
public sealed class NewUserJourneysOnSqlite(SqlitePortal portal) : NewUserJourneys(portal);

[Collection(PostgreSqlCollection.Name)]
public sealed class NewUserJourneysOnPostgreSql(PostgreSqlPortal portal) : NewUserJourneys(portal);

[Collection(SqliteCollection.Name)]
public sealed class BulkActionJourneysOnSqlite(SqlitePortal portal) : BulkActionJourneys(portal);

[Collection(PostgreSqlCollection.Name)]
public sealed class BulkActionJourneysOnPostgreSql(PostgreSqlPortal portal) : BulkActionJourneys(portal);

[Collection(SqliteCollection.Name)]
public sealed class OwnerRemovalJourneysOnSqlite(SqlitePortal portal) : OwnerRemovalJourneys(portal);

[Collection(PostgreSqlCollection.Name)]
public sealed class OwnerRemovalJourneysOnPostgreSql(PostgreSqlPortal portal) : OwnerRemovalJourneys(portal);

[Collection(SqliteCollection.Name)]
public sealed class SessionJourneysOnSqlite(SqlitePortal portal) : SessionJourneys(portal);

[Collection(PostgreSqlCollection.Name)]
public sealed class SessionJourneysOnPostgreSql(PostgreSqlPortal portal) : SessionJourneys(portal);

[Collection(SqliteCollection.Name)]
public sealed class SuspendAndRemoveJourneysOnSqlite(SqlitePortal portal) : SuspendAndRemoveJourneys(portal);

[Collection(PostgreSqlCollection.Name)]
public sealed class SuspendAndRemoveJourneysOnPostgreSql(PostgreSqlPortal portal) : SuspendAndRemoveJourneys(portal);

[Collection(SqliteCollection.Name)]
public sealed class TwoFactorJourneysOnSqlite(SqlitePortal portal) : TwoFactorJourneys(portal);

[Collection(PostgreSqlCollection.Name)]
public sealed class TwoFactorJourneysOnPostgreSql(PostgreSqlPortal portal) : TwoFactorJourneys(portal);

[Collection(SqliteCollection.Name)]
public sealed class PasskeyJourneysOnSqlite(SqlitePortal portal) : PasskeyJourneys(portal);

[Collection(PostgreSqlCollection.Name)]
public sealed class PasskeyJourneysOnPostgreSql(PostgreSqlPortal portal) : PasskeyJourneys(portal);

// What a page looks like does not depend on the engine behind it.
[Collection(SqliteCollection.Name)]
public sealed class AccessibilityJourneysOnSqlite(SqlitePortal portal) : AccessibilityJourneys(portal);

[Collection(SqliteCollection.Name)]
public sealed class AccountSettingsJourneysOnSqlite(SqlitePortal portal) : AccountSettingsJourneys(portal);

[Collection(PostgreSqlCollection.Name)]
public sealed class AccountSettingsJourneysOnPostgreSql(PostgreSqlPortal portal) : AccountSettingsJourneys(portal);
