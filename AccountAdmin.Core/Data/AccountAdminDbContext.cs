using AccountAdmin.Core.Model;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountAdmin.Core.Data;

public sealed class AccountAdminDbContext(DbContextOptions<AccountAdminDbContext> options)
    : IdentityUserContext<AppUser, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The collation PostgreSQL compares sort keys with, so that it orders them as SQLite and C# do.</summary>
    internal const string OrdinalCollation = "C";

    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<Division> Divisions => Set<Division>();
    public DbSet<DivisionMember> DivisionMembers => Set<DivisionMember>();
    public DbSet<DivisionAdministrator> DivisionAdministrators => Set<DivisionAdministrator>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<AgencyRoleGrant> AgencyRoleGrants => Set<AgencyRoleGrant>();
    public DbSet<AccessControlGroup> AccessControlGroups => Set<AccessControlGroup>();
    public DbSet<AccessControlGroupMember> AccessControlGroupMembers => Set<AccessControlGroupMember>();
    public DbSet<Schedule> Schedules => Set<Schedule>();
    public DbSet<RoutingMethod> RoutingMethods => Set<RoutingMethod>();
    public DbSet<RoutingAgent> RoutingAgents => Set<RoutingAgent>();
    public DbSet<ScheduleAssignment> ScheduleAssignments => Set<ScheduleAssignment>();
    public DbSet<UserSettings> UserSettings => Set<UserSettings>();
    public DbSet<ProfilePicture> ProfilePictures => Set<ProfilePicture>();
    public DbSet<OwnerRemovalRequest> OwnerRemovalRequests => Set<OwnerRemovalRequest>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<BulkImport> BulkImports => Set<BulkImport>();
    public DbSet<BulkImportUser> BulkImportUsers => Set<BulkImportUser>();
    public DbSet<BulkImportProgress> BulkImportProgress => Set<BulkImportProgress>();
    public DbSet<Impersonation> Impersonations => Set<Impersonation>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();

    /// <summary>The keys that sign cookies and links, shared by every instance on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // Every instant is UTC; SQLite hands DateTime back unspecified, so say so on the way in.
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        builder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        var ordinal = Database.IsNpgsql();

        // Identity's passkey table as its schema version 3 makes it, configured here so that the model never depends on
        // options read from a service provider (the design-time factories and tests build contexts without one).
        builder.Entity<IdentityUserPasskey<Guid>>(passkey =>
        {
            passkey.ToTable("AspNetUserPasskeys");
            passkey.HasKey(p => p.CredentialId);
            passkey.Property(p => p.CredentialId).HasMaxLength(1024);
            passkey.OwnsOne(p => p.Data).ToJson();
            passkey.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).IsRequired().OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AppUser>(user =>
        {
            user.Property(u => u.FirstName).HasMaxLength(100);
            user.Property(u => u.LastName).HasMaxLength(100);
            user.Property(u => u.Nickname).HasMaxLength(100);
            user.Property(u => u.PasskeyCount).HasDefaultValue(0);
            user.Property(u => u.PendingEmail).HasMaxLength(256);
            user.HasIndex(u => u.NormalizedEmail).HasDatabaseName("EmailIndex").IsUnique();
            SortKey(user.Property(u => u.NameKey), 600, ordinal);
            SortKey(user.Property(u => u.EmailKey), 300, ordinal);
            SortKey(user.Property(u => u.SignInKey), 330, ordinal);
            user.HasIndex(u => u.HomeAccountId);
        });

        builder.Entity<Agency>(agency =>
        {
            agency.Property(a => a.Name).HasMaxLength(200);
            agency.Property(a => a.TwoFactorRequirement).HasDefaultValue(TwoFactorRequirement.None);
        });

        builder.Entity<Account>(account =>
        {
            account.Property(a => a.Name).HasMaxLength(200);
            account.Property(a => a.TwoFactorRequirement).HasDefaultValue(TwoFactorRequirement.None);
            var memberCount = account.Property(a => a.MemberCount).HasDefaultValue(0).Metadata;
            memberCount.SetBeforeSaveBehavior(Microsoft.EntityFrameworkCore.Metadata.PropertySaveBehavior.Ignore);
            memberCount.SetAfterSaveBehavior(Microsoft.EntityFrameworkCore.Metadata.PropertySaveBehavior.Ignore);
            account.HasOne(a => a.Agency).WithMany().HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Restrict);
            account.HasOne(a => a.Division).WithMany().HasForeignKey(a => a.DivisionId).OnDelete(DeleteBehavior.SetNull);
            account.HasIndex(a => new { a.AgencyId, a.Name });
            account.HasIndex(a => a.DivisionId);
        });

        builder.Entity<Division>(division =>
        {
            division.Property(d => d.Name).HasMaxLength(200);
            division.Property(d => d.NormalizedName).HasMaxLength(200);
            division.Property(d => d.Description).HasMaxLength(1000);
            division.HasOne<Agency>().WithMany().HasForeignKey(d => d.AgencyId).OnDelete(DeleteBehavior.Restrict);
            division.HasIndex(d => new { d.AgencyId, d.NormalizedName }).IsUnique();
        });

        builder.Entity<DivisionMember>(member =>
        {
            member.HasKey(m => new { m.DivisionId, m.UserId });
            member.HasOne<Division>().WithMany().HasForeignKey(m => m.DivisionId).OnDelete(DeleteBehavior.Cascade);
            member.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            member.HasIndex(m => m.UserId);
        });

        builder.Entity<DivisionAdministrator>(admin =>
        {
            admin.HasKey(m => new { m.DivisionId, m.UserId });
            admin.HasOne<Division>().WithMany().HasForeignKey(m => m.DivisionId).OnDelete(DeleteBehavior.Cascade);
            admin.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            admin.HasIndex(m => m.UserId);
        });

        builder.Entity<Membership>(membership =>
        {
            // A change to a membership saves only over the state it was read in: of two at once, one wins.
            membership.Property(m => m.Role).HasConversion<string>().HasMaxLength(32).IsConcurrencyToken();
            membership.Property(m => m.Status).HasConversion<string>().HasMaxLength(32).IsConcurrencyToken();
            membership.Property(m => m.EndedAt).IsConcurrencyToken();
            SortKey(membership.Property(m => m.NameKey), 600, ordinal);
            SortKey(membership.Property(m => m.EmailKey), 300, ordinal);
            SortKey(membership.Property(m => m.SignInKey), 330, ordinal);
            membership.HasOne(m => m.Account).WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
            membership.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            membership.HasIndex(m => new { m.AccountId, m.UserId }).IsUnique();
            membership.HasIndex(m => m.UserId);
            const string current = "\"EndedAt\" IS NULL";
            // Who is in the account now, read without the table: the member counts of groups, routing and schedules.
            membership.HasIndex(m => new { m.AccountId, m.UserId }, "IX_Memberships_Current").HasFilter(current);
            membership.HasIndex(m => new { m.AccountId, m.NameKey }).HasDatabaseName("IX_Memberships_Current_Name").HasFilter(current);
            membership.HasIndex(m => new { m.AccountId, m.EmailKey }).HasDatabaseName("IX_Memberships_Current_Email").HasFilter(current);
            membership.HasIndex(m => new { m.AccountId, m.SignInKey }).HasDatabaseName("IX_Memberships_Current_SignIn").HasFilter(current);
            // Manage Users' role and status filters: a rare role of a big account found without walking all of it.
            membership.HasIndex(m => new { m.AccountId, m.Role, m.NameKey }).HasDatabaseName("IX_Memberships_Current_Role").HasFilter(current);
            membership.HasIndex(m => new { m.AccountId, m.Status, m.NameKey }).HasDatabaseName("IX_Memberships_Current_Status").HasFilter(current);
            membership.HasIndex(m => new { m.AccountId, m.EndedAt }).HasDatabaseName("IX_Memberships_Ended").HasFilter("\"EndedAt\" IS NOT NULL");
        });

        builder.Entity<AgencyRoleGrant>(grant =>
        {
            grant.Property(g => g.Role).HasConversion<string>().HasMaxLength(32);
            grant.HasOne<Agency>().WithMany().HasForeignKey(g => g.AgencyId).OnDelete(DeleteBehavior.Cascade);
            grant.HasOne(g => g.User).WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
            grant.HasIndex(g => new { g.AgencyId, g.UserId, g.Role }).IsUnique();
            grant.HasIndex(g => g.UserId);
        });

        builder.Entity<AccessControlGroup>(group =>
        {
            group.Property(g => g.Name).HasMaxLength(200);
            group.Property(g => g.NormalizedName).HasMaxLength(200);
            group.HasOne<Account>().WithMany().HasForeignKey(g => g.AccountId).OnDelete(DeleteBehavior.Cascade);
            group.HasIndex(g => new { g.AccountId, g.NormalizedName }).IsUnique();
        });

        builder.Entity<AccessControlGroupMember>(member =>
        {
            member.HasKey(m => new { m.GroupId, m.UserId });
            member.HasOne<AccessControlGroup>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
            member.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            member.HasIndex(m => m.UserId);
        });

        builder.Entity<Schedule>(schedule =>
        {
            schedule.Property(s => s.Name).HasMaxLength(200);
            schedule.Property(s => s.NormalizedName).HasMaxLength(200);
            schedule.Property(s => s.TimeZoneId).HasMaxLength(100);
            schedule.Property(s => s.WeeklyHours).HasMaxLength(2000);
            schedule.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
            schedule.HasIndex(s => new { s.AccountId, s.NormalizedName }).IsUnique();
        });

        builder.Entity<RoutingMethod>(method =>
        {
            method.Property(m => m.Name).HasMaxLength(200);
            method.Property(m => m.NormalizedName).HasMaxLength(200);
            method.Property(m => m.Kind).HasConversion<string>().HasMaxLength(40);
            method.Property(m => m.Revision).IsConcurrencyToken();
            method.HasOne<Account>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
            method.HasIndex(m => new { m.AccountId, m.NormalizedName }).IsUnique();
        });

        builder.Entity<RoutingAgent>(agent =>
        {
            agent.HasKey(a => new { a.RoutingMethodId, a.UserId });
            agent.HasOne<RoutingMethod>().WithMany().HasForeignKey(a => a.RoutingMethodId).OnDelete(DeleteBehavior.Cascade);
            agent.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
            agent.HasIndex(a => a.UserId);
            agent.HasIndex(a => new { a.RoutingMethodId, a.Position });
        });

        builder.Entity<ScheduleAssignment>(assignment =>
        {
            assignment.HasKey(a => new { a.AccountId, a.UserId });
            assignment.HasOne<Schedule>().WithMany().HasForeignKey(a => a.ScheduleId).OnDelete(DeleteBehavior.Cascade);
            assignment.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
            assignment.HasIndex(a => a.ScheduleId);
            assignment.HasIndex(a => a.UserId);
        });

        builder.Entity<UserSettings>(settings =>
        {
            settings.HasKey(s => s.UserId);
            settings.HasOne<AppUser>().WithOne().HasForeignKey<UserSettings>(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            settings.Property(s => s.SalesforceId).HasMaxLength(64);
            settings.Property(s => s.StripeId).HasMaxLength(64);
            settings.Property(s => s.MissedCallEmail).HasConversion<string>().HasMaxLength(32);
            settings.Property(s => s.DirectDialNumber).HasMaxLength(20);
            settings.Property(s => s.DirectDialExtension).HasMaxLength(10);
            settings.Property(s => s.SipAddress).HasMaxLength(256);
            settings.Property(s => s.LandingPage).HasConversion<string>().HasMaxLength(32);
            settings.Property(s => s.ContactTab).HasConversion<string>().HasMaxLength(32);
        });

        builder.Entity<ProfilePicture>(picture =>
        {
            picture.HasKey(p => p.UserId);
            picture.HasOne<AppUser>().WithOne().HasForeignKey<ProfilePicture>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
            picture.Property(p => p.ContentType).HasMaxLength(32);
        });

        builder.Entity<OwnerRemovalRequest>(request =>
        {
            request.Property(r => r.NewRole).HasConversion<string>().HasMaxLength(32);
            request.Property(r => r.Status).HasConversion<string>().HasMaxLength(32).IsConcurrencyToken();
            request.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
            request.HasOne<AppUser>().WithMany().HasForeignKey(r => r.OwnerUserId).OnDelete(DeleteBehavior.Cascade);
            request.HasOne<AppUser>().WithMany().HasForeignKey(r => r.RequestedById).OnDelete(DeleteBehavior.Restrict);
            request.HasIndex(r => new { r.OwnerUserId, r.Status });
            request.HasIndex(r => new { r.AccountId, r.Status });
            request.HasIndex(r => r.RequestedById);
        });

        // Audit events outlive everything they mention: no foreign keys.
        builder.Entity<AuditEvent>(audit =>
        {
            audit.Property(a => a.Action).HasMaxLength(64);
            audit.Property(a => a.Details).HasMaxLength(4000);
            audit.Property(a => a.ClientIp).HasMaxLength(64);
            // Each ends with the log's order, (time, id), so that a page is one index range read backwards, with no sort.
            audit.HasIndex(a => new { a.AccountId, a.OccurredAt, a.Id });
            audit.HasIndex(a => new { a.AgencyId, a.OccurredAt, a.Id });
            audit.HasIndex(a => new { a.ActorUserId, a.OccurredAt, a.Id });
            audit.HasIndex(a => new { a.TargetUserId, a.OccurredAt, a.Id });
            audit.HasIndex(a => new { a.ImpersonatorUserId, a.OccurredAt, a.Id });
            audit.HasIndex(a => new { a.OccurredAt, a.Id });
        });

        builder.Entity<SignInThrottle>(throttle =>
        {
            throttle.HasKey(t => t.Key);
            throttle.Property(t => t.Key).HasMaxLength(400);
            throttle.Property(t => t.Failures).IsConcurrencyToken();
            throttle.Property(t => t.Lockouts).IsConcurrencyToken();
        });

        builder.Entity<UserSession>(session =>
        {
            session.Property(s => s.ClientIp).HasMaxLength(64);
            session.Property(s => s.UserAgent).HasMaxLength(256);
            session.Property(s => s.EndReason).HasConversion<string>().HasMaxLength(32);
            session.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            session.HasIndex(s => new { s.UserId, s.CreatedAt });
        });

        builder.Entity<Impersonation>(impersonation =>
        {
            impersonation.Property(i => i.Reason).HasMaxLength(500);
            impersonation.Property(i => i.EndReason).HasConversion<string>().HasMaxLength(32);
            impersonation.HasOne<AppUser>().WithMany().HasForeignKey(i => i.ImpersonatorUserId).OnDelete(DeleteBehavior.Restrict);
            impersonation.HasOne<AppUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Restrict);
            impersonation.HasIndex(i => new { i.UserId, i.StartedAt });
            impersonation.HasIndex(i => new { i.ImpersonatorUserId, i.StartedAt });
        });

        builder.Entity<OutboxMessage>(message =>
        {
            message.Property(m => m.To).HasMaxLength(320);
            message.Property(m => m.Subject).HasMaxLength(300);
            message.Property(m => m.LastError).HasMaxLength(2000);
            message.HasIndex(m => m.NextAttemptAt).HasDatabaseName("IX_OutboxMessages_Pending").HasFilter("\"SentAt\" IS NULL");
            message.HasIndex(m => m.FailedAt).HasDatabaseName("IX_OutboxMessages_Undeliverable").HasFilter("\"FailedAt\" IS NOT NULL");
        });

        ConfigureBulkImports(builder);
    }

    private static void ConfigureBulkImports(ModelBuilder builder)
    {
        builder.Entity<BulkImport>(import =>
        {
            import.Property(i => i.Id).ValueGeneratedNever();
            import.Property(i => i.Role).HasConversion<string>().HasMaxLength(32);
            import.HasOne<Account>().WithMany().HasForeignKey(i => i.AccountId).OnDelete(DeleteBehavior.Cascade);
            import.HasIndex(i => new { i.AccountId, i.CreatedAt });
        });

        builder.Entity<BulkImportProgress>(progress => progress.HasKey(p => p.BatchId));
        builder.Entity<BulkImportUser>(user =>
        {
            user.HasKey(u => new { u.ImportId, u.UserId });
            user.HasOne<BulkImport>().WithMany().HasForeignKey(u => u.ImportId).OnDelete(DeleteBehavior.Cascade);
            user.HasOne<AppUser>().WithMany().HasForeignKey(u => u.UserId).OnDelete(DeleteBehavior.Cascade);
            user.HasIndex(u => u.UserId);
        });
    }

    private static void SortKey(PropertyBuilder<string> property, int maxLength, bool ordinal)
    {
        property.HasMaxLength(maxLength).IsRequired();
        if (ordinal)
        {
            property.UseCollation(OrdinalCollation);
        }
    }
}
