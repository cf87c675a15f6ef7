using System.Diagnostics;
using System.Net;
using AccountAdmin.Core.Bootstrap;
using AccountAdmin.Core.Model;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// New User with an invitation as a browser sends it to a running portal: signed in by the sign-in form, it loads the New
/// User page, reads its form (antiforgery token and all) and posts it as multipart/form-data, following no redirect. Only
/// the POST's round trip is timed, one request at a time, so the time is the server's. Anything but the page, or a POST
/// answered by anything but the redirect to Manage Users, stops the run.
/// </summary>
internal static class CreateUserOverHttpBenchmark
{
    private const string OwnerEmail = "http.owner@bench.test";
    private const string Password = "Bench-Pass-2026!";
    private const int WarmUp = 50;
    private static readonly HtmlParser Parser = new();

    public static async Task<int> RunAsync(string file, string baseUrl, int count, string rowName)
    {
        Guid accountId;
        await using (var provider = BenchServices.Over(file, fresh: false))
        await using (var scope = provider.CreateAsyncScope())
        {
            var provisioning = scope.ServiceProvider.GetRequiredService<ProvisioningService>();
            var account = await provisioning.EnsureAccountAsync(await provisioning.EnsureAgencyAsync("Bench Agency"), "Bench Account over HTTP");
            var owner = await provisioning.EnsureUserAsync(OwnerEmail, "Ada", "Owner", Password, account.Id);
            await provisioning.EnsureMembershipAsync(account, owner, AccountRole.Owner);
            accountId = account.Id;
        }

        try
        {
            return await MeasureAsync(baseUrl, accountId, count, rowName);
        }
        catch (BenchmarkFailure e)
        {
            return Fail(e.Message);
        }
    }

    private static async Task<int> MeasureAsync(string baseUrl, Guid accountId, int count, string rowName)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = cookies, MaxConnectionsPerServer = 1 })
        {
            BaseAddress = new Uri(baseUrl),
        };

        var login = await PageAsync(http, "/login", "main form[method=post]");
        using (var signIn = await http.PostAsync("/login", Fields(login, new()
        {
            ["Input.SignInName"] = OwnerEmail,
            ["Input.Password"] = Password,
        })))
        {
            if (signIn.StatusCode != HttpStatusCode.Redirect || signIn.Headers.Location?.OriginalString.StartsWith("/login") != false
                || cookies.GetCookies(http.BaseAddress!)["AccountAdmin.Session"] is null)
            {
                return Fail($"signing in as {OwnerEmail} answered {Describe(signIn)}, not a redirect with a session cookie");
            }
        }

        var newUser = $"/accounts/{accountId}/users/new";
        var users = $"/accounts/{accountId}/users";
        var timings = new List<double>();
        for (var i = 0; i < count + WarmUp; i++)
        {
            var form = await PageAsync(http, newUser, "form#new-user");
            using var content = Fields(form, new()
            {
                ["Input.Email"] = $"http.invitee{i}@bench.test",
                ["Input.FirstName"] = "Invited",
                ["Input.LastName"] = $"User{i}",
                ["Input.Role"] = "CallAgent",
            });
            var clock = Stopwatch.StartNew();
            using var response = await http.PostAsync(newUser, content);
            var body = await response.Content.ReadAsStringAsync();
            clock.Stop();
            if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != users)
            {
                var errors = Parser.ParseDocument(body).QuerySelectorAll(".field-validation-error, .validation-summary-errors li")
                    .Select(e => e.TextContent.Trim()).Where(e => e.Length > 0);
                return Fail($"POST {newUser} (user {i}) answered {Describe(response)}, not the redirect to {users}. {string.Join(" ", errors)}");
            }

            if (i >= WarmUp)
            {
                timings.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        timings.Sort();
        Console.WriteLine($"| {rowName} ({count} users) | p50 {timings[count / 2]:F1} ms | p99 {timings[(int)(count * 0.99)]:F1} ms |");
        return 0;
    }

    /// <summary>GETs <paramref name="path"/> and returns its form <paramref name="selector"/>; a redirect or an error is no page.</summary>
    private static async Task<IHtmlFormElement> PageAsync(HttpClient http, string path, string selector)
    {
        using var response = await http.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new BenchmarkFailure($"GET {path} answered {Describe(response)} instead of the page");
        }

        return Parser.ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector(selector) as IHtmlFormElement
            ?? throw new BenchmarkFailure($"GET {path} answered a page without {selector}");
    }

    /// <summary>What a browser submits from <paramref name="form"/>: every field it has in order, <paramref name="typed"/> typed over them.</summary>
    private static HttpContent Fields(IHtmlFormElement form, Dictionary<string, string> typed)
    {
        var fields = new List<(string Name, string? Value)>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name.Length: > 0 } input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked)
                    {
                        fields.Add((input.Name!, input.Value));
                    }

                    break;
                case IHtmlInputElement { Name.Length: > 0 } input when input.Type == "file":
                    fields.Add((input.Name!, null));
                    break;
                case IHtmlInputElement { Name.Length: > 0 } input when input.Type is not ("submit" or "button" or "reset" or "image"):
                    fields.Add((input.Name!, input.Value));
                    break;
                case IHtmlTextAreaElement { Name.Length: > 0 } area:
                    fields.Add((area.Name!, area.Value));
                    break;
                case IHtmlSelectElement { Name.Length: > 0 } select:
                    fields.AddRange(select.SelectedOptions.Select(o => (select.Name!, (string?)o.Value)));
                    break;
            }
        }

        for (var i = 0; i < fields.Count; i++)
        {
            if (typed.Remove(fields[i].Name, out var value))
            {
                fields[i] = (fields[i].Name, value);
            }
        }

        fields.AddRange(typed.Select(t => (t.Key, (string?)t.Value)));
        if (!string.Equals(form.Enctype, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value ?? "")));
        }

        var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            if (value is null)
            {
                // A file input left empty: a part with an empty file name and no bytes, as browsers send it.
                var empty = new ByteArrayContent([]);
                empty.Headers.ContentDisposition = new("form-data") { Name = $"\"{name}\"", FileName = "\"\"" };
                empty.Headers.ContentType = new("application/octet-stream");
                multipart.Add(empty);
            }
            else
            {
                var text = new StringContent(value);
                text.Headers.ContentType = null;
                multipart.Add(text, name);
            }
        }

        return multipart;
    }

    private static string Describe(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? $"{(int)response.StatusCode} → {location}" : $"{(int)response.StatusCode}";

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"create-http: {message}");
        return 1;
    }
}

internal sealed class BenchmarkFailure(string message) : Exception(message);
