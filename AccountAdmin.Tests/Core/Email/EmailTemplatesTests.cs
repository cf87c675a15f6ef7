using AccountAdmin.Core;
using AccountAdmin.Core.Email;
using AccountAdmin.Core.Model;

namespace AccountAdmin.Tests.Core.Email;

/// <summary>Every e-mail in one layout: what happened and who did it, where, the one link spelled out, and why it came.</summary>
public sealed class EmailTemplatesTests
{
    private static readonly EmailTemplates Templates = new(new PortalAddressOptions { PublicUrl = "https://admin.example.com" }, new LinkOptions());

    private static AppUser Nadia(string firstName = "Nadia") => new("nadia@example.com", firstName, "New", DateTime.UtcNow);

    private static readonly ChangedBy Olive = new(Guid.NewGuid(), "Olive Owner");

    [Fact]
    public void AnInvitation_NamesWhoInvited_TheAccount_AndTheRole_WithTheLinkAsAButtonAndSpelledOut()
    {
        var (subject, text, html) = Templates.Invitation(Nadia(), "Northwind Main", AccountRole.CallAgent, "https://admin.example.com/invitation/abc", Olive);

        Assert.Equal("Olive Owner invited you to Northwind Main", subject);
        Assert.StartsWith("AccountAdmin · Northwind Main\n\nOlive Owner invited you to Northwind Main\n\nHello Nadia,\n\n", text);
        Assert.Contains("Olive Owner invited you to the account Northwind Main as Call Agent.", text);
        Assert.Contains("The link works once, for 7 days", text);
        Assert.Contains("Set your password:\nhttps://admin.example.com/invitation/abc\n", text);
        Assert.Contains("You get this e-mail because nadia@example.com has a user in Northwind Main on AccountAdmin.", text);
        Assert.StartsWith("<!DOCTYPE html><html lang=\"en\">", html);
        Assert.Contains("<title>Olive Owner invited you to Northwind Main</title>", html);
        Assert.Contains("<strong>AccountAdmin</strong> · Northwind Main", html);
        Assert.Contains(">Olive Owner invited you to Northwind Main</h1>", html);
        Assert.Contains("<a href=\"https://admin.example.com/invitation/abc\" style=", html);
        Assert.Contains("If the button doesn't work, open this address: https://admin.example.com/invitation/abc</p>", html);
        Assert.Contains("<a href=\"https://admin.example.com/\"", html);
    }

    [Fact]
    public void WhatSomeoneDidWhileLoggedInAsAnother_NamesBoth_AndTheSubjectNamesWhoWasAtTheKeyboard()
    {
        var support = new ChangedBy(Guid.NewGuid(), "Olive Owner", ChangeAuthors.Support);

        var (subject, text, _) = Templates.Suspended(Nadia(), "Northwind Main", support);

        Assert.Equal("AccountAdmin support suspended your access to Northwind Main", subject);
        Assert.Contains("AccountAdmin support (logged in as Olive Owner) suspended your access to the account Northwind Main.", text);
    }

    [Fact]
    public void AnEMailToSomeoneWhoLostAccess_CarriesNoLinkAtAll()
    {
        var mails = new[]
        {
            Templates.RemovedFromAccount(Nadia(), "Northwind Main", Olive),
            Templates.RemovedFromAccounts(Nadia(), ["Northwind Main", "Northwind East"], Olive),
            Templates.RemovedFromAgency(Nadia(), "Northwind Agency", Olive),
        };

        Assert.Equal(
            ["Olive Owner removed you from Northwind Main", "Olive Owner removed you from 2 accounts", "Olive Owner removed you from Northwind Agency"],
            mails.Select(m => m.Subject));
        Assert.All(mails, m => Assert.DoesNotContain("http", m.Text));
        Assert.All(mails, m => Assert.DoesNotContain("<a ", m.Html));
    }

    [Fact]
    public void NamesAndPlaces_AreEncodedInTheHtml()
    {
        var mallory = new ChangedBy(Guid.NewGuid(), "<b>Mallory</b>");
        var user = Nadia("<script>x</script>");

        var (_, _, html) = Templates.AccessGranted(user, "A & B <Main>", AccountRole.CallAgent, mallory);

        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>Mallory", html);
        Assert.Contains("&lt;b&gt;Mallory&lt;/b&gt; gave you the role Call Agent in the account A &amp; B &lt;Main&gt;.", html);
    }

    [Fact]
    public void AChangeOfEMail_SaysYouAskedWhenTheUserDid_AndWhoDidOtherwise()
    {
        var user = Nadia();
        var self = new ChangedBy(user.Id, "Nadia New");

        var byThemselves = Templates.ConfirmNewEmail(user, "nadia@new.example", "https://admin.example.com/confirm-email/x", self);
        var byOlive = Templates.EmailChangeRequested(user, "nadia@new.example", Olive);
        var bySupportAsThem = Templates.EmailChangeRequested(user, "nadia@new.example", self with { Behind = ChangeAuthors.Support });

        Assert.Contains("You asked to change the e-mail address you sign in to AccountAdmin with from nadia@example.com to nadia@new.example.", byThemselves.Text);
        Assert.Contains("Confirm this address:\nhttps://admin.example.com/confirm-email/x\n", byThemselves.Text);
        Assert.Contains("Olive Owner asked to change the e-mail address you sign in to AccountAdmin with to nadia@new.example.", byOlive.Text);
        Assert.Contains("AccountAdmin support (logged in as Nadia New) asked to change", bySupportAsThem.Text);
        Assert.Contains("You get this e-mail because nadia@example.com is the address you sign in to AccountAdmin with.", byOlive.Text);
    }
}
