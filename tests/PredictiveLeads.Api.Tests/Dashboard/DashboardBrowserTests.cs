using System.Globalization;
using Microsoft.Playwright;

namespace PredictiveLeads.Api.Tests.Dashboard;

/// <summary>
/// The dashboard in headless Chromium, as a sales leader would use it: sign in, read the answer at a capacity,
/// move the capacity, open a hidden gem, look at live leads and an account. Screenshots of each step are saved
/// under TestResults/dashboard.
/// </summary>
[Trait("Category", "Slow")]
public sealed class DashboardBrowserTests(DashboardServer server) : IClassFixture<DashboardServer>, IAsyncLifetime
{
    private static readonly string Screenshots = Path.Combine(RepositoryRoot.Path, "TestResults", "dashboard");
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly List<string> _consoleErrors = [];

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserFactAttribute.Chromium))
            return;
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    [BrowserFact]
    public async Task A_signed_in_sales_leader_sees_both_methods_compared_with_charts_and_no_errors()
    {
        var page = await SignedInPage();

        var modelRow = page.Locator("#capacity-table tr[data-method=model]");
        var rulesRow = page.Locator("#capacity-table tr[data-method=rules]");
        await Assertions.Expect(modelRow).ToBeVisibleAsync();
        await Assertions.Expect(rulesRow).ToBeVisibleAsync();
        Assert.Matches(@"catches \d+ more SQLs?\b", await page.Locator("#answer").InnerTextAsync());
        foreach (var chart in new[] { "#gains-chart", "#roc-chart" })
        {
            var lines = page.Locator($"{chart} path.series");
            Assert.Equal(2, await lines.CountAsync());
            Assert.True(int.Parse(await lines.First.GetAttributeAsync("data-points") ?? "0", CultureInfo.InvariantCulture) > 10, $"{chart} has too few points");
        }
        Assert.True(await page.Locator("#reliability-chart circle").CountAsync() >= 10);
        Assert.Contains("MARKETING_SCORE", (await page.Locator("#model-card").InnerTextAsync()).ToUpperInvariant());
        Assert.Equal(8, await page.Locator("#hidden-gems .lead").CountAsync());
        await Assertions.Expect(page.Locator("#volume-chart rect.bar").First).ToBeVisibleAsync();
        await Shot(page, "1-comparison");
        Assert.Empty(_consoleErrors);
    }

    [BrowserFact]
    public async Task Moving_the_capacity_changes_the_leads_handed_over_and_the_SQLs_caught()
    {
        var page = await SignedInPage();
        var modelRow = page.Locator("#capacity-table tr[data-method=model]");
        await Assertions.Expect(modelRow).ToBeVisibleAsync();

        await page.Locator("#capacity-number").FillAsync("10");
        var small = await modelRow.Locator("td").AllInnerTextsAsync();
        await page.Locator("#capacity-number").FillAsync("120");
        var large = await modelRow.Locator("td").AllInnerTextsAsync();

        // 10 and 120 leads a week over the 13.463 weeks the test leads span.
        Assert.Equal(["135", "1,616"], new[] { small[1], large[1] });
        Assert.True(int.Parse(large[2], CultureInfo.InvariantCulture) > int.Parse(small[2], CultureInfo.InvariantCulture));
        Assert.Contains("1,616", await page.Locator("#answer").InnerTextAsync());
        await Shot(page, "2-capacity");
        Assert.Empty(_consoleErrors);
    }

    [BrowserFact]
    public async Task Opening_a_hidden_gem_shows_its_reasons_and_what_happened()
    {
        var page = await SignedInPage();
        var gem = page.Locator("#hidden-gems .lead").First;
        await Assertions.Expect(gem).ToBeVisibleAsync();
        Assert.True(await gem.Locator("li").CountAsync() > 0);

        await gem.Locator("a").ClickAsync();

        var result = page.Locator("#lead-result");
        await Assertions.Expect(result).ToBeVisibleAsync();
        Assert.True(await result.Locator("li.up").CountAsync() > 0);
        Assert.Contains("Test lead of the served version", await result.InnerTextAsync());
        await Shot(page, "3-lead");
        Assert.Empty(_consoleErrors);
    }

    [BrowserFact]
    public async Task Live_leads_and_an_account_can_be_looked_at()
    {
        var page = await SignedInPage();
        await page.Locator("#source").SelectOptionAsync("live");
        await Assertions.Expect(page.Locator("#charts-note")).ToContainTextAsync($"{DashboardServer.LiveLeads} live leads");
        Assert.Matches(@"(more SQLs?\b|about the same)", await page.Locator("#answer").InnerTextAsync());

        await page.Locator("#lead-id").FillAsync(server.FirstLiveLead);
        await page.Locator("#lead-form button").ClickAsync();
        await Assertions.Expect(page.Locator("#lead-result")).ToContainTextAsync("Score history");
        Assert.Equal(2, await page.Locator("#lead-score-chart path.series").CountAsync());
        Assert.True(await page.Locator("#lead-result li").CountAsync() > 0);

        await page.Locator("#account-id").FillAsync(server.Account);
        await page.Locator("#account-form button").ClickAsync();
        await Assertions.Expect(page.Locator("#account-result")).ToContainTextAsync("Buying group by");
        Assert.True(await page.Locator("#account-result tr").CountAsync() >= 2, "the account's contacts are listed");
        Assert.True(await page.Locator("#weekly-auc-chart circle").CountAsync() >= 2, "live AUC by week is drawn for model and rules");
        await Shot(page, "4-live-and-account");
        Assert.Empty(_consoleErrors);
    }

    [BrowserFact]
    public async Task The_worklist_lists_open_leads_most_likely_first_and_the_capacity_changes_the_list()
    {
        var page = await SignedInPage();
        var rows = page.Locator("#worklist-table tbody tr");
        var capacity = page.Locator("#worklist-capacity");

        await capacity.FillAsync("3");
        await capacity.PressAsync("Tab");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        var three = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.leadId)");
        await capacity.FillAsync("12");
        await capacity.PressAsync("Tab");
        await Assertions.Expect(rows).ToHaveCountAsync(12);
        var twelve = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.leadId)");

        Assert.Equal(three, twelve[..3]);
        // Every live lead has an outcome; only those that reached MQL but not SQL are still open for SQL.
        Assert.Contains("open leads most likely to become SQL", await page.Locator("#worklist-note").InnerTextAsync());
        Assert.EndsWith("format=csv", await page.Locator("#worklist-csv").GetAttributeAsync("href"));
        await Shot(page, "5-worklist");
        Assert.Empty(_consoleErrors);
    }

    [BrowserFact]
    public async Task The_fit_and_engagement_grid_shows_sixteen_cells_and_picking_one_filters_the_worklist()
    {
        var page = await SignedInPage();
        var cells = page.Locator("#grid-table td.grid-cell");
        await Assertions.Expect(cells).ToHaveCountAsync(16);
        Assert.Contains("test leads of default/v0001", await page.Locator("#grid-note").InnerTextAsync());
        Assert.Matches(@"^\d+\.\d% of \d", await cells.First.InnerTextAsync());

        var rows = page.Locator("#worklist-table tbody tr");
        await page.Locator("#worklist-capacity").FillAsync("10000");
        await page.Locator("#worklist-capacity").PressAsync("Tab");
        var all = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.cells[5].textContent)");
        var busiest = all.GroupBy(c => c).OrderByDescending(g => g.Count()).First();
        await page.Locator($"#grid-table td[data-cell='{busiest.Key}']").ClickAsync();
        await Assertions.Expect(page.Locator("#worklist-note")).ToContainTextAsync($"in cell {busiest.Key}");
        await Assertions.Expect(rows).ToHaveCountAsync(busiest.Count());
        Assert.All(await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.cells[5].textContent)"), c => Assert.Equal(busiest.Key, c));
        Assert.Equal(busiest.Key, await page.Locator("#worklist-cell").InputValueAsync());
        await Shot(page, "6-grid");
        Assert.Empty(_consoleErrors);
    }

    [BrowserFact]
    public async Task Monitoring_compares_champion_and_challenger_and_lists_the_fields_that_drift()
    {
        var page = await SignedInPage();

        var challengerRows = page.Locator("#challenger table tr");
        await Assertions.Expect(challengerRows.Nth(2)).ToBeVisibleAsync();
        Assert.Equal(3, await challengerRows.CountAsync());
        var sql = await challengerRows.Nth(2).InnerTextAsync();
        Assert.Contains(DashboardServer.LiveLeads.ToString("N0", CultureInfo.InvariantCulture), sql);
        Assert.Contains("default/v0002 is scored beside it", await page.Locator("#challenger").InnerTextAsync());
        var driftRows = page.Locator("#field-drift table tr");
        Assert.Equal(11, await driftRows.CountAsync());
        await page.Locator("#challenger-section").ScrollIntoViewIfNeededAsync();
        await Shot(page, "7-challenger-and-drift");
        Assert.Empty(_consoleErrors);
    }

    [BrowserFact]
    public async Task A_wrong_key_is_refused_and_nothing_is_shown()
    {
        var page = await NewPage();
        await page.GotoAsync(new Uri(server.Address, "/dashboard").ToString());
        await page.Locator("#key").FillAsync("not-a-key-at-all");
        await page.Locator("#sign-in-form button").ClickAsync();

        await Assertions.Expect(page.Locator("#sign-in-error")).ToContainTextAsync("not configured");
        Assert.False(await page.Locator("#app").IsVisibleAsync());
    }

    private async Task<IPage> NewPage()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                _consoleErrors.Add(message.Text);
        };
        page.PageError += (_, error) => _consoleErrors.Add(error);
        return page;
    }

    private async Task<IPage> SignedInPage()
    {
        var page = await NewPage();
        await page.GotoAsync(new Uri(server.Address, "/dashboard").ToString());
        await page.Locator("#key").FillAsync(ApiFactory.ScoreKey);
        await page.Locator("#sign-in-form button").ClickAsync();
        await Assertions.Expect(page.Locator("#app")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#capacity-table tbody tr").First).ToBeVisibleAsync();
        return page;
    }

    private static async Task Shot(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
    }
}
