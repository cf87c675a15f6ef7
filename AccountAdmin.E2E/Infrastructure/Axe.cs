using System.Text.Json;
using Microsoft.Playwright;

namespace AccountAdmin.E2E.Infrastructure;

/// <summary>axe-core (from npm) run in the page as it stands: the WCAG 2.0, 2.1 and 2.2 A and AA rules.</summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(() => File.ReadAllText(
        Path.Combine(PortalServer.RepositoryRoot(), "AccountAdmin.E2E", "node_modules", "axe-core", "axe.min.js")));

    public sealed record Violation(string Rule, string Impact, string Help, IReadOnlyList<string> Targets);

    /// <summary>What axe finds wrong in the page now (evaluated through the DevTools protocol, so the page's CSP allows it).</summary>
    public static async Task<IReadOnlyList<Violation>> CheckAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Source.Value);
        }

        var found = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
              return result.violations.map(v => ({
                rule: v.id, impact: v.impact ?? "", help: v.help,
                targets: v.nodes.map(n => n.target.join(" ") + " — " + (n.failureSummary ?? "").replace(/\s+/g, " ").slice(0, 240)),
              }));
            }
            """);
        return found.EnumerateArray()
            .Select(v => new Violation(
                v.GetProperty("rule").GetString()!, v.GetProperty("impact").GetString()!, v.GetProperty("help").GetString()!,
                v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!).ToList()))
            .ToList();
    }

    public static string Describe(string where, IReadOnlyList<Violation> violations) =>
        string.Join("\n", violations.Select(v => $"{where}: {v.Rule} ({v.Impact}) {v.Help}\n    " + string.Join("\n    ", v.Targets.Take(5))));
}
