using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace AccountAdmin.Tests.Infrastructure;

/// <summary>A cookie-keeping HTTP client that reads pages with AngleSharp and submits their forms, antiforgery token and all.</summary>
public sealed class Browser(HttpClient client) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Client { get; } = client;

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    public Task<HttpResponseMessage> GetAsync(string url) => Client.GetAsync(url);

    public async Task<IHtmlDocument> GetDocumentAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"GET {url}: expected {(int)expected}, got {(int)response.StatusCode} {response.Headers.Location}");
        return Parse(html);
    }

    /// <summary>Submits <paramref name="form"/> as a browser would: every field it has, with <paramref name="values"/> typed over them.</summary>
    public Task<HttpResponseMessage> SubmitAsync(
        IHtmlFormElement form, IDictionary<string, string>? values = null, IDictionary<string, (string FileName, byte[] Content)>? files = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name.Length: > 0 } input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked)
                    {
                        fields.Add(new(input.Name!, input.Value));
                    }

                    break;
                case IHtmlInputElement { Name.Length: > 0 } input when input.Type is not ("submit" or "button"):
                    fields.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlTextAreaElement { Name.Length: > 0 } area:
                    fields.Add(new(area.Name!, area.Value));
                    break;
                case IHtmlSelectElement { Name.Length: > 0 } select:
                    fields.AddRange(select.SelectedOptions.Select(o => new KeyValuePair<string, string>(select.Name!, o.Value)));
                    break;
            }
        }

        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }

        var action = form.GetAttribute("action") is { Length: > 0 } target ? target : form.BaseUri;
        var uri = new Uri(action, UriKind.RelativeOrAbsolute);
        if (uri.IsAbsoluteUri && uri.Scheme == "about")
        {
            throw new InvalidOperationException("The form's page was parsed without its address; use PostFormAsync.");
        }

        if (files is null)
        {
            return Client.PostAsync(uri, new FormUrlEncodedContent(fields));
        }

        var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            multipart.Add(new StringContent(value), name);
        }

        foreach (var (name, (fileName, content)) in files)
        {
            multipart.Add(new ByteArrayContent(content), name, fileName);
        }

        return Client.PostAsync(uri, multipart);
    }

    /// <summary>Loads <paramref name="url"/>, fills the form with the given selector and posts it.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(
        string url, IDictionary<string, string> values, string formSelector = "main form[method=post]",
        IDictionary<string, (string FileName, byte[] Content)>? files = null)
    {
        var document = await GetDocumentAsync(url);
        var form = document.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form {formSelector} on {url}.");
        var action = form.GetAttribute("action") is { Length: > 0 } target ? target : url;
        form.SetAttribute("action", action);
        return await SubmitAsync(form, values, files);
    }

    /// <summary>
    /// Loads <paramref name="url"/> and clicks the submit button <paramref name="buttonSelector"/>: its form's fields, the
    /// button's own name and value, posted to the button's formaction when it has one.
    /// </summary>
    public async Task<HttpResponseMessage> ClickAsync(string url, string buttonSelector, IDictionary<string, string>? values = null)
    {
        var document = await GetDocumentAsync(url);
        return await ClickAsync(document, url, buttonSelector, values);
    }

    public Task<HttpResponseMessage> ClickAsync(IHtmlDocument document, string url, string buttonSelector, IDictionary<string, string>? values = null)
    {
        var button = document.QuerySelector(buttonSelector) as IHtmlButtonElement
            ?? throw new InvalidOperationException($"No button {buttonSelector} on {url}.");
        var form = button.Form ?? throw new InvalidOperationException($"The button {buttonSelector} is in no form.");
        var action = button.GetAttribute("formaction") is { Length: > 0 } formAction ? formAction
            : form.GetAttribute("action") is { Length: > 0 } target ? target : url;
        form.SetAttribute("action", action);
        var fields = new Dictionary<string, string>(values ?? new Dictionary<string, string>());
        if (button.Name is { Length: > 0 } name)
        {
            fields.TryAdd(name, button.Value);
        }

        return SubmitAsync(form, fields);
    }

    /// <summary>Posts <paramref name="fields"/> straight to <paramref name="url"/> with this session's antiforgery token, as a forged form would.</summary>
    public async Task<HttpResponseMessage> PostWithTokenAsync(string url, IDictionary<string, string> fields)
    {
        var token = (await GetDocumentAsync("/profile")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        return await Client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }));
    }

    public async Task SignInAsync(string signInName, string password = TestData.Password)
    {
        using var response = await PostFormAsync("/login", new Dictionary<string, string>
        {
            ["Input.SignInName"] = signInName,
            ["Input.Password"] = password,
        });
        Assert.True(HttpStatusCode.Redirect == response.StatusCode, $"Sign-in of {signInName} failed with {(int)response.StatusCode}.");
        if (response.Headers.Location?.OriginalString.StartsWith("/login/two-factor", StringComparison.Ordinal) == true
            && TestData.AuthenticatorKeys.TryGetValue(signInName, out var key))
        {
            await EnterCodeAsync(key);
        }
    }

    /// <summary>
    /// The second step of a sign-in, with the code the user's app shows; a code this user already used (in another browser
    /// a moment ago) is refused, so then the next one.
    /// </summary>
    public async Task EnterCodeAsync(string key)
    {
        foreach (var steps in new[] { 0, 1, -1 })
        {
            using var response = await PostFormAsync("/login/two-factor", new Dictionary<string, string> { ["Input.Code"] = Totp.Now(key, steps) });
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                return;
            }
        }

        Assert.Fail("No code was taken at the second step of signing in.");
    }

    public void Dispose() => Client.Dispose();
}
