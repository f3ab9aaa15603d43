using System.Globalization;
using System.Net;
using System.Text;
using PredictiveLeads.Learning.Metrics;

namespace PredictiveLeads.Scoring.Reports;

/// <summary>Small self-contained SVG charts (no script, no external assets) for the HTML report.</summary>
public static class SvgCharts
{
    private const int Size = 260;
    private const int Margin = 36;

    public sealed record Series(string Name, string Color, IReadOnlyList<CurvePoint> Points);

    /// <summary>A unit-square line chart with a dashed diagonal (chance, or perfect calibration).</summary>
    public static string Lines(string title, string xLabel, string yLabel, IEnumerable<Series> series)
    {
        var svg = new StringBuilder();
        Open(svg, title);
        Axes(svg, xLabel, yLabel);
        svg.Append(CultureInfo.InvariantCulture, $"<line x1='{X(0)}' y1='{Y(0)}' x2='{X(1)}' y2='{Y(1)}' stroke='#bbb' stroke-dasharray='4 3'/>");
        var legend = 0;
        foreach (var s in series)
        {
            var points = string.Join(' ', s.Points.Select(p => $"{X(p.X):F1},{Y(p.Y):F1}".ToString(CultureInfo.InvariantCulture)));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill='none' stroke='{s.Color}' stroke-width='2' points='{points}'/>");
            foreach (var p in s.Points.Count <= 12 ? s.Points : [])
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx='{X(p.X):F1}' cy='{Y(p.Y):F1}' r='3' fill='{s.Color}'/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x='{Margin + 8}' y='{Margin + 14 + 14 * legend++}' fill='{s.Color}' font-size='11'>{WebUtility.HtmlEncode(s.Name)}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Horizontal bars, longest first.</summary>
    public static string Bars(string title, IReadOnlyList<(string Label, double Value)> bars, string color)
    {
        var height = 30 + 18 * bars.Count;
        var max = bars.Count == 0 ? 1 : Math.Max(1e-9, bars.Max(b => b.Value));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns='http://www.w3.org/2000/svg' width='520' height='{height}' role='img' aria-label='{WebUtility.HtmlEncode(title)}'>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x='0' y='14' font-size='13' font-weight='bold'>{WebUtility.HtmlEncode(title)}</text>");
        for (var i = 0; i < bars.Count; i++)
        {
            var y = 24 + 18 * i;
            var width = Math.Max(0, bars[i].Value) / max * 260;
            svg.Append(CultureInfo.InvariantCulture, $"<text x='200' y='{y + 12}' font-size='11' text-anchor='end'>{WebUtility.HtmlEncode(bars[i].Label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x='206' y='{y + 2}' width='{width:F1}' height='12' fill='{color}'/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x='{212 + width:F1}' y='{y + 12}' font-size='10'>{bars[i].Value:F4}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static void Open(StringBuilder svg, string title)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns='http://www.w3.org/2000/svg' width='{Size + 2 * Margin}' height='{Size + 2 * Margin}' role='img' aria-label='{WebUtility.HtmlEncode(title)}'>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x='{Margin}' y='16' font-size='13' font-weight='bold'>{WebUtility.HtmlEncode(title)}</text>");
    }

    private static void Axes(StringBuilder svg, string xLabel, string yLabel)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<rect x='{Margin}' y='{Margin}' width='{Size}' height='{Size}' fill='none' stroke='#333'/>");
        for (var tick = 0; tick <= 4; tick++)
        {
            var v = tick / 4.0;
            svg.Append(CultureInfo.InvariantCulture, $"<text x='{X(v):F0}' y='{Y(0) + 14}' font-size='10' text-anchor='middle'>{v:0.##}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x='{Margin - 4}' y='{Y(v) + 3:F0}' font-size='10' text-anchor='end'>{v:0.##}</text>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<text x='{Margin + Size / 2}' y='{Margin + Size + 30}' font-size='11' text-anchor='middle'>{WebUtility.HtmlEncode(xLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x='10' y='{Margin + Size / 2}' font-size='11' text-anchor='middle' transform='rotate(-90 10 {Margin + Size / 2})'>{WebUtility.HtmlEncode(yLabel)}</text>");
    }

    private static double X(double value) => Margin + value * Size;

    private static double Y(double value) => Margin + (1 - value) * Size;
}
