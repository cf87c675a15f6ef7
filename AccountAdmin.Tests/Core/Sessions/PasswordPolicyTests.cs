using AccountAdmin.Core.Model;
using AccountAdmin.Core.Sessions;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Sessions;

/// <summary>Passwords as NIST SP 800-63B-4 and OWASP ASVS 5.0 have them, through Identity's UserManager as every form uses it.</summary>
public abstract class PasswordPolicyTests(CoreFixture fixture)
{
    private async Task<IReadOnlyList<string>> RefusalsAsync(
        string password, string first = "Marguerite", string last = "Okonkwo", string email = "m.okonkwo@example.test")
    {
        await using var scope = fixture.NewScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser(email, first, last, DateTime.UtcNow);
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors.Select(e => e.Code));
        }

        return errors;
    }

    [Theory]
    [InlineData("correct horse battery")]
    [InlineData("lowercaseonlylong")]
    [InlineData("123498761234")]
    public async Task ALongPassword_OfAnyKindsOfCharacter_IsTaken(string password) => Assert.Empty(await RefusalsAsync(password));

    [Fact]
    public async Task ElevenCharacters_AreTooFew_AndTwelveAreEnough()
    {
        Assert.Equal(["PasswordTooShort"], await RefusalsAsync("tinkertaylo"));
        Assert.Empty(await RefusalsAsync("tinkertaylor"));
    }

    [Fact]
    public async Task SixtyFourCharacters_AreTaken_AndPastTheMaximum_IsRefusedWithWhy()
    {
        Assert.Empty(await RefusalsAsync(string.Concat(Enumerable.Repeat("river stone ", 6)) + "leaf"));
        Assert.Equal([PasswordPolicy.TooLong.Code], await RefusalsAsync(new string('x', 120) + "harbour-9"));
    }

    [Theory]
    [InlineData("1qaz2wsx3edc")]
    [InlineData("QWERTY123456")]
    [InlineData("leavemealone")]
    public async Task AmongTheMostCommonPasswords_WhateverTheCase_IsRefused(string password) =>
        Assert.Equal([PasswordPolicy.Commonly.Code], await RefusalsAsync(password));

    [Theory]
    [InlineData("marguerite-2026!")]
    [InlineData("my name is OKONKWO")]
    public async Task ThePersonsOwnName_IsRefused(string password) =>
        Assert.Equal([PasswordPolicy.Personal.Code], await RefusalsAsync(password));

    [Fact]
    public async Task TheEmailsLocalPart_IsRefused_ButANameOfTwoLettersInsideAWordIsNot()
    {
        Assert.Equal([PasswordPolicy.Personal.Code], await RefusalsAsync("hello m.okonkwo 77"));
        Assert.Empty(await RefusalsAsync("always yukon bound", first: "Al", last: "Yu", email: "ay@example.test"));
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class PasswordPolicySqliteTests(SqliteCore fixture) : PasswordPolicyTests(fixture);
