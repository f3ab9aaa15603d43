namespace PredictiveLeads.Api.Tests.Dashboard;

/// <summary>A test that drives the dashboard in headless Chromium; skipped (and so failed by CI) when Chromium is not installed.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(Chromium))
            Skip = $"{Chromium} is not installed (apt-get install chromium)";
    }
}
