using AccountAdmin.Core;
using AccountAdmin.Web.Components;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Web.Components;

/// <summary>An invitation's state, in a sentence on the user page and in a few words in Manage Users.</summary>
public sealed class InvitationStateTests : ComponentTestContext
{
    private static readonly DateTime Sent = new(2026, 12, 1, 9, 30, 0, DateTimeKind.Utc);

    public InvitationStateTests() => Services.AddSingleton(new LinkOptions { LinkLifespan = TimeSpan.FromDays(3) });

    private IElement State(DateTime? sent, DateTime now, bool isShort = false) =>
        Render<InvitationState>(p => p.Add(c => c.SentAt, sent).Add(c => c.Now, now).Add(c => c.Short, isShort).Add(c => c.Id, "state")).Find("#state");

    [Fact]
    public void Pending_SaysUntilWhenTheLinkWorks_WithMachineReadableTimes()
    {
        var state = State(Sent, Sent.AddDays(1));
        var list = State(Sent, Sent.AddDays(1), isShort: true);

        Assert.Equal("pending", state.GetAttribute("data-invitation"));
        Assert.Equal("Invited: the invitation sent 1 Dec 2026, 09:30 UTC works until 4 Dec 2026, 09:30 UTC.", state.Text());
        Assert.Equal(["2026-12-01T09:30:00.0000000Z", "2026-12-04T09:30:00.0000000Z"], state.QuerySelectorAll("time").Select(t => t.GetAttribute("datetime")));
        Assert.Equal("until 4 Dec 2026", list.Text());
    }

    [Fact]
    public void Expired_SaysWhen_AndThatItWasNotUsed()
    {
        var state = State(Sent, Sent.AddDays(3));
        var list = State(Sent, Sent.AddDays(5), isShort: true);

        Assert.Equal("expired", state.GetAttribute("data-invitation"));
        Assert.Equal("Invited: the invitation sent 1 Dec 2026, 09:30 UTC expired 4 Dec 2026, 09:30 UTC, unused.", state.Text());
        Assert.Equal(("expired", "expired 4 Dec 2026"), (list.GetAttribute("data-invitation"), list.Text()));
    }

    [Fact]
    public void NotSent_SaysTheyCantSignInYet()
    {
        var state = State(null, Sent);
        var list = State(null, Sent, isShort: true);

        Assert.Equal("unsent", state.GetAttribute("data-invitation"));
        Assert.Equal("Invited, and no invitation e-mail has been sent yet: they can't sign in until they have one.", state.Text());
        Assert.Equal("not sent yet", list.Text());
    }
}
