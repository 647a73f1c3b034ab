using System.Globalization;
using System.Net;
using System.Text;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Resilience;
using FreshFoodz.Operations.Playbooks;
using FreshFoodz.Stacks.Pricing;

namespace FreshFoodz.Operations.YearView;

/// <summary>
/// The year view as one self-contained HTML page: inline CSS and SVG only (no script, no font or image from anywhere),
/// written as well-formed XML so a test can parse it. Three charts share the day-of-year axis or its months: load
/// against capacity with the playbook milestones, api pods and nodes, and the monthly cost against the static peak.
/// </summary>
public static class YearViewHtml
{
    private const double Width = 1200;
    private const double Left = 72;
    private const double Right = 24;
    private const double PlotWidth = Width - Left - Right;

    /// <summary>Colours: one per peak season (bands and milestone markers), and the series, told apart by colour and
    /// by line style (solid / dashed) so they stay distinct in grey print.</summary>
    private static readonly Dictionary<Season, string> SeasonColours = new()
    {
        [Season.Baseline] = "#9e9e9e",
        [Season.Spargel] = "#2e7d32",
        [Season.Oktoberfest] = "#b8860b",
        [Season.Weihnachten] = "#c62828",
    };

    private const string LoadColour = "#e65100";
    private const string CapacityColour = "#1565c0";
    private const string PodsColour = "#6a1b9a";
    private const string NodesColour = "#00897b";
    private const string StaticColour = "#b0bec5";

    private static readonly string[] MonthNames = CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames[..12];

    public static string Render(YearViewData v)
    {
        var b = new StringBuilder();
        var year = v.Year.ToString(CultureInfo.InvariantCulture);
        // An XML comment may not hold "--", so the options are named in words (the page parses as XML).
        b.Append("<!-- ").Append(Generated.Notice($"report (stack {v.Stack}, year {year})")).Append(" -->\n");
        b.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n");
        b.Append("<title>").Append(E($"FreshFoodz {v.Stack}: year view {year}")).Append("</title>\n");
        b.Append("<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");

        b.Append("<header>\n<h1>").Append(E($"FreshFoodz {v.Stack}: {year} at a glance")).Append("</h1>\n");
        b.Append("<p class=\"sub\">").Append(E(
            $"Territory {v.Territory}, prices in {v.Currency}. Season setting: {v.SeasonSetting}"
            + (v.Pinned ? $" (pinned: {v.SeasonSetting} capacity every day)." : " (capacity follows the calendar, each peak from its lead time)."))).Append("</p>\n");
        b.Append("<div class=\"cards\">\n");
        Card(b, "cost-yearly", $"Cost {year} as provisioned", Money(v.Currency, v.Cost.Yearly));
        Card(b, "cost-static", "Weihnachten peak provisioned all year", Money(v.Currency, v.Cost.YearlyStaticPeak));
        Card(b, "saving", "Saving", Money(v.Currency, v.Cost.Saving));
        b.Append("</div>\n</header>\n");

        b.Append("<section>\n<h2>Forecast load against provisioned capacity</h2>\n");
        b.Append("<p class=\"note\">").Append(E(
            $"Both in multiples of the baseline load ({Num(v.BaselineRequestsPerSecond)} requests/s). Capacity is what the pre-provisioned api pods serve at the season's target utilization. Markers below the axis are the playbook milestones."))
            .Append("</p>\n");
        LoadChart(b, v);
        b.Append("</section>\n");

        b.Append("<section>\n<h2>Provisioned api pods and app nodes</h2>\n");
        PodsChart(b, v);
        b.Append("</section>\n");

        b.Append("<section>\n<h2>").Append(E($"Monthly cost in {v.Currency}")).Append("</h2>\n");
        b.Append("<p class=\"note\">").Append(E(
            "Every priced resource of the season's plan (app nodes at their autoscaler minimum, system pool, AKS tier, PostgreSQL primaries, HA standbys, DR replicas and storage), per day of the season in effect; against the Weihnachten peak on every day. Prices: "
            + v.PriceProvenance + "."))
            .Append("</p>\n");
        CostChart(b, v);
        b.Append("</section>\n");

        BreakdownTable(b, v);
        MonthTable(b, v);
        RecoveryTable(b, v);
        MilestoneList(b, v);
        b.Append("</body>\n</html>\n");
        return b.ToString();
    }

    private const string Css = """
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: #212121; margin: 24px 40px; max-width: 1240px; }
h1 { font-size: 26px; margin: 0 0 4px 0; }
h2 { font-size: 18px; margin: 28px 0 4px 0; }
.sub, .note { color: #555; font-size: 14px; margin: 4px 0 8px 0; }
.cards { display: flex; gap: 16px; margin-top: 12px; }
.card { border: 1px solid #cfd8dc; border-radius: 6px; padding: 10px 16px; min-width: 220px; }
.card .label { font-size: 13px; color: #555; }
.card .value { font-size: 22px; font-weight: bold; }
#saving .value { color: #2e7d32; }
svg { display: block; }
svg text { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; }
table { border-collapse: collapse; margin-top: 8px; font-size: 13px; }
th, td { border-bottom: 1px solid #e0e0e0; padding: 4px 10px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
ul.milestones { font-size: 13px; columns: 2; }

""";

    private static void Card(StringBuilder b, string id, string label, string value) =>
        b.Append("<div class=\"card\" id=\"").Append(id).Append("\"><div class=\"label\">").Append(E(label))
            .Append("</div><div class=\"value\">").Append(E(value)).Append("</div></div>\n");

    /// <summary>x of the start of a day (0-based day of the year) on the shared axis.</summary>
    private static double X(YearViewData v, int dayIndex) => Left + PlotWidth * dayIndex / v.Days.Count;

    private static int DayIndex(YearViewData v, DateOnly d) => d.DayNumber - v.Days[0].Date.DayNumber;

    private static void LoadChart(StringBuilder b, YearViewData v)
    {
        const double top = 40;
        const double bottom = 300;
        var rows = Enum.GetValues<MilestoneKind>().Length;
        var height = bottom + 44 + (rows * 18) + 10;
        var max = Math.Ceiling(v.Days.Max(d => Math.Max(d.CapacityMultiplier, d.ForecastMultiplier)) * 1.1);
        double Y(double value) => bottom - ((bottom - top) * value / max);

        b.Append(Svg("load-capacity", height, $"Forecast load and provisioned capacity, {v.Year}"));
        SeasonBands(b, v, top, bottom);
        YAxis(b, v, max, Y, "× baseline", bottom);
        MonthAxis(b, v, bottom);

        // Capacity: a filled step area; load: a thick step line over it.
        var capacity = StepPoints(v, d => d.CapacityMultiplier, Y);
        b.Append("<path class=\"series-capacity\" d=\"M").Append(P(X(v, 0))).Append(',').Append(P(bottom)).Append(" L")
            .Append(capacity).Append(" L").Append(P(X(v, v.Days.Count))).Append(',').Append(P(bottom))
            .Append(" Z\" fill=\"").Append(CapacityColour).Append("\" fill-opacity=\"0.18\" stroke=\"").Append(CapacityColour).Append("\" stroke-width=\"2\" />\n");
        b.Append("<path class=\"series-load\" d=\"M").Append(StepPoints(v, d => d.ForecastMultiplier, Y))
            .Append("\" fill=\"none\" stroke=\"").Append(LoadColour).Append("\" stroke-width=\"3\" stroke-dasharray=\"9 4\" />\n");

        // Milestones: a faint line through the plot, a marker and label in the kind's row below the month names.
        foreach (var m in v.Milestones)
        {
            var x = X(v, DayIndex(v, m.Start)) + (PlotWidth / v.Days.Count / 2);
            var row = (int)m.Kind;
            var y = bottom + 44 + (row * 18);
            var colour = SeasonColours[m.Season];
            b.Append("<g class=\"milestone\" data-date=\"").Append(m.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Append("\" data-kind=\"").Append(m.KindCode).Append("\"><title>").Append(E($"{m.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {m.Title}")).Append("</title>");
            b.Append("<line x1=\"").Append(P(x)).Append("\" y1=\"").Append(P(top)).Append("\" x2=\"").Append(P(x)).Append("\" y2=\"").Append(P(y - 6))
                .Append("\" stroke=\"").Append(colour).Append("\" stroke-opacity=\"0.35\" stroke-width=\"1\" />");
            b.Append("<path d=\"M").Append(P(x)).Append(',').Append(P(y - 6)).Append(" l5,6 l-5,6 l-5,-6 Z\" fill=\"").Append(colour).Append("\" />");
            b.Append("<text x=\"").Append(P(x + 7)).Append("\" y=\"").Append(P(y + 4)).Append("\" font-size=\"11\" fill=\"").Append(colour).Append("\">")
                .Append(E(m.Label)).Append("</text></g>\n");
        }
        var legendY = 18;
        Legend(b, Left, legendY,
        [
            ("line-dashed", LoadColour, "forecast load (season by its dates)"),
            ("area", CapacityColour, "provisioned capacity (served at target utilization)"),
        ]);
        SeasonLegend(b, Left + 720, legendY);
        b.Append("</svg>\n");
    }

    private static void PodsChart(StringBuilder b, YearViewData v)
    {
        const double top = 40;
        const double bottom = 240;
        var max = Math.Ceiling(v.Days.Max(d => Math.Max(d.ApiPods, d.Nodes)) * 1.15);
        double Y(double value) => bottom - ((bottom - top) * value / max);
        b.Append(Svg("pods-nodes", bottom + 30, $"Provisioned api pods and app nodes, {v.Year}"));
        SeasonBands(b, v, top, bottom);
        YAxis(b, v, max, Y, "count", bottom);
        MonthAxis(b, v, bottom);
        b.Append("<path class=\"series-pods\" d=\"M").Append(StepPoints(v, d => d.ApiPods, Y)).Append("\" fill=\"none\" stroke=\"").Append(PodsColour).Append("\" stroke-width=\"2.5\" />\n");
        b.Append("<path class=\"series-nodes\" d=\"M").Append(StepPoints(v, d => d.Nodes, Y)).Append("\" fill=\"none\" stroke=\"").Append(NodesColour).Append("\" stroke-width=\"2.5\" stroke-dasharray=\"7 4\" />\n");
        Legend(b, Left, 18, [("line", PodsColour, "api pods (HPA minimum)"), ("line-dashed", NodesColour, "app nodes (autoscaler minimum)")]);
        b.Append("</svg>\n");
    }

    private static void CostChart(StringBuilder b, YearViewData v)
    {
        const double top = 40;
        const double bottom = 260;
        var max = (double)v.Months.Max(m => Math.Max(m.Cost.Cost, m.Cost.StaticPeakCost)) * 1.15;
        var step = NiceStep(max / 5);
        max = Math.Ceiling(max / step) * step;
        double Y(double value) => bottom - ((bottom - top) * value / max);
        b.Append(Svg("monthly-cost", bottom + 30, $"Monthly cost in {v.Currency}, {v.Year}"));
        for (var t = 0.0; t <= max + 1e-9; t += step)
        {
            b.Append("<line x1=\"").Append(P(Left)).Append("\" y1=\"").Append(P(Y(t))).Append("\" x2=\"").Append(P(Width - Right)).Append("\" y2=\"").Append(P(Y(t)))
                .Append("\" stroke=\"#e0e0e0\" />");
            b.Append("<text x=\"").Append(P(Left - 8)).Append("\" y=\"").Append(P(Y(t) + 4)).Append("\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">")
                .Append(E(t.ToString("#,0", CultureInfo.InvariantCulture))).Append("</text>\n");
        }
        var slot = PlotWidth / 12;
        foreach (var m in v.Months)
        {
            var x0 = Left + (slot * (m.Month - 1));
            var barWidth = slot * 0.34;
            var auto = (double)m.Cost.Cost;
            var peak = (double)m.Cost.StaticPeakCost;
            b.Append("<g class=\"month\" data-month=\"").Append(m.Month.ToString(CultureInfo.InvariantCulture)).Append("\"><title>")
                .Append(E($"{MonthNames[m.Month - 1]}: {Money(v.Currency, m.Cost.Cost)} as provisioned, {Money(v.Currency, m.Cost.StaticPeakCost)} at the peak")).Append("</title>");
            Bar(b, "cost-auto", x0 + (slot * 0.14), barWidth, Y(auto), bottom, CapacityColour);
            Bar(b, "cost-static", x0 + (slot * 0.52), barWidth, Y(peak), bottom, StaticColour);
            b.Append("<text x=\"").Append(P(x0 + (slot * 0.14) + (barWidth / 2))).Append("\" y=\"").Append(P(Y(auto) - 4))
                .Append("\" font-size=\"10\" text-anchor=\"middle\" fill=\"#333\">").Append(E(auto.ToString("#,0", CultureInfo.InvariantCulture))).Append("</text>");
            b.Append("<text x=\"").Append(P(x0 + (slot / 2))).Append("\" y=\"").Append(P(bottom + 18)).Append("\" font-size=\"12\" text-anchor=\"middle\" fill=\"#333\">")
                .Append(MonthNames[m.Month - 1]).Append("</text></g>\n");
        }
        b.Append("<line x1=\"").Append(P(Left)).Append("\" y1=\"").Append(P(bottom)).Append("\" x2=\"").Append(P(Width - Right)).Append("\" y2=\"").Append(P(bottom)).Append("\" stroke=\"#555\" />\n");
        Legend(b, Left, 18, [("bar", CapacityColour, "as provisioned"), ("bar", StaticColour, "Weihnachten peak all year")]);
        b.Append("<text x=\"").Append(P(Width - Right)).Append("\" y=\"22\" font-size=\"13\" text-anchor=\"end\" fill=\"#2e7d32\" font-weight=\"bold\">")
            .Append(E($"saving {Money(v.Currency, v.Cost.Saving)} in {v.Year}")).Append("</text>\n");
        b.Append("</svg>\n");
    }

    private static void Bar(StringBuilder b, string cls, double x, double w, double y, double bottom, string colour) =>
        b.Append("<rect class=\"").Append(cls).Append("\" x=\"").Append(P(x)).Append("\" y=\"").Append(P(y)).Append("\" width=\"").Append(P(w))
            .Append("\" height=\"").Append(P(Math.Max(0, bottom - y))).Append("\" fill=\"").Append(colour).Append("\" />");

    /// <summary>Monthly cost per group of each season's plan, and what no season's cost includes.</summary>
    private static void BreakdownTable(StringBuilder b, YearViewData v)
    {
        var groups = v.SeasonCosts.SelectMany(s => s.Cost.ByGroup.Select(g => g.Group)).Distinct().ToList();
        b.Append("<section>\n<h2>").Append(E($"What each season's plan costs per month, {v.Currency}")).Append("</h2>\n<table class=\"breakdown\">\n<thead><tr><th>item</th>");
        foreach (var (season, _) in v.SeasonCosts)
        {
            b.Append("<th>").Append(E(season.ConfigName())).Append("</th>");
        }
        b.Append("</tr></thead>\n<tbody>\n");
        foreach (var group in groups)
        {
            b.Append("<tr><td>").Append(E(group)).Append("</td>");
            foreach (var (_, cost) in v.SeasonCosts)
            {
                var monthly = cost.ByGroup.Where(g => g.Group == group).Sum(g => g.Monthly);
                b.Append("<td>").Append(Amount(monthly)).Append("</td>");
            }
            b.Append("</tr>\n");
        }
        b.Append("<tr><th>total</th>");
        foreach (var (_, cost) in v.SeasonCosts)
        {
            b.Append("<th>").Append(Amount(cost.Monthly)).Append("</th>");
        }
        b.Append("</tr>\n</tbody>\n</table>\n");
        if (v.Unpriced.Count > 0)
        {
            b.Append("<p class=\"note\">Not in these figures (").Append(v.Unpriced.Count).Append(" parts unpriced):</p>\n<ul class=\"unpriced\">\n");
            foreach (var line in UnpricedSummary.Lines(v.Unpriced, v.Stack))
            {
                b.Append("<li>").Append(E(line)).Append("</li>\n");
            }
            b.Append("</ul>\n");
        }
        b.Append("</section>\n");
    }

    private static void MonthTable(StringBuilder b, YearViewData v)
    {
        b.Append("<section>\n<h2>Month by month</h2>\n<table>\n<thead><tr><th>month</th><th>days by season (as provisioned)</th><th>peak forecast ×</th>")
            .Append("<th>lowest capacity ×</th><th>api pods (max)</th><th>nodes (max)</th><th>").Append(E($"cost {v.Currency}"))
            .Append("</th><th>").Append(E($"peak all year {v.Currency}")).Append("</th></tr></thead>\n<tbody>\n");
        foreach (var m in v.Months)
        {
            var days = string.Join(", ", m.Cost.DaysBySeason.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key.ConfigName()} {kv.Value}"));
            b.Append("<tr class=\"month-row\"><td>").Append(MonthNames[m.Month - 1]).Append("</td><td>").Append(E(days)).Append("</td><td>")
                .Append(Num(m.PeakForecastMultiplier)).Append("</td><td>").Append(Num(m.LowestCapacityMultiplier)).Append("</td><td>")
                .Append(m.MaxApiPods.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(m.MaxNodes.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(Amount(m.Cost.Cost)).Append("</td><td>").Append(Amount(m.Cost.StaticPeakCost)).Append("</td></tr>\n");
        }
        b.Append("<tr><th>year</th><td></td><td></td><td></td><td></td><td></td><th>").Append(Amount(v.Cost.Yearly)).Append("</th><th>")
            .Append(Amount(v.Cost.YearlyStaticPeak)).Append("</th></tr>\n</tbody>\n</table>\n</section>\n");
    }

    /// <summary>Each tier's RTO and RPO targets beside the last drill's measurements, or why there are none (never an estimate).</summary>
    private static void RecoveryTable(StringBuilder b, YearViewData v)
    {
        b.Append("<section id=\"recovery\">\n<h2>Recovery measured against the targets</h2>\n<p class=\"note\">")
            .Append(E($"The last restore and failover drills per tier (docs/recovery-drills.md), measured by the drills themselves; targets are strict (RTO and RPO below them). Measurements: {v.Recovery.Source}."))
            .Append("</p>\n<table>\n<thead><tr><th>tier</th><th>drill</th><th>RTO target</th><th>RTO measured</th><th>RPO target</th><th>RPO measured</th><th>verified</th><th>verdict</th></tr></thead>\n<tbody>\n");
        foreach (var tier in Enum.GetValues<DrTier>())
        {
            var target = tier.Target();
            var measured = v.Recovery.Measurements.Where(m => m.Tier == tier).ToList();
            if (measured.Count == 0)
            {
                b.Append("<tr class=\"recovery-row\"><td>").Append(tier.Code()).Append("</td><td>none</td><td>").Append(E(DrMatrixRow.Format(target.Rto)))
                    .Append("</td><td>not measured</td><td>").Append(E(DrMatrixRow.Format(target.Rpo))).Append("</td><td>not measured</td><td></td><td>not measured yet</td></tr>\n");
                continue;
            }
            foreach (var m in measured)
            {
                var verdict = !m.Success ? "failed"
                    : m.RtoSeconds is { } rto && m.RpoSeconds is { } rpo ? (rto < target.Rto.TotalSeconds && rpo < target.Rpo.TotalSeconds ? "meets" : "misses")
                    : "incomplete";
                b.Append("<tr class=\"recovery-row\"><td>").Append(tier.Code()).Append("</td><td>").Append(E($"{m.Kind} {m.Drill}")).Append("</td><td>")
                    .Append(E(DrMatrixRow.Format(target.Rto))).Append("</td><td>").Append(E(Seconds(m.RtoSeconds))).Append("</td><td>")
                    .Append(E(DrMatrixRow.Format(target.Rpo))).Append("</td><td>").Append(E(Seconds(m.RpoSeconds))).Append("</td><td>")
                    .Append(E(m.Verified is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "")).Append("</td><td>")
                    .Append(verdict).Append("</td></tr>\n");
            }
        }
        b.Append("</tbody>\n</table>\n</section>\n");
    }

    private static string Seconds(double? seconds) => seconds is { } s ? $"{s.ToString("0", CultureInfo.InvariantCulture)} s" : "not measured";

    private static void MilestoneList(StringBuilder b, YearViewData v)
    {
        b.Append("<section>\n<h2>Playbook milestones</h2>\n<ul class=\"milestones\">\n");
        foreach (var m in v.Milestones)
        {
            b.Append("<li>").Append(E($"{m.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: {m.Title}")).Append("</li>\n");
        }
        b.Append("</ul>\n</section>\n");
    }

    private static string Svg(string id, double height, string title) =>
        $"<svg id=\"{id}\" width=\"{P(Width)}\" height=\"{P(height)}\" viewBox=\"0 0 {P(Width)} {P(height)}\" role=\"img\"><title>{E(title)}</title>\n";

    /// <summary>Each peak's own dates as a light band with its name, so the lead time shows as capacity before the band.</summary>
    private static void SeasonBands(StringBuilder b, YearViewData v, double top, double bottom)
    {
        foreach (var run in Runs(v, d => d.Forecast).Where(r => r.Value != Season.Baseline))
        {
            var x0 = X(v, run.Start);
            var x1 = X(v, run.End + 1);
            var colour = SeasonColours[run.Value];
            b.Append("<rect class=\"season-band\" x=\"").Append(P(x0)).Append("\" y=\"").Append(P(top)).Append("\" width=\"").Append(P(x1 - x0))
                .Append("\" height=\"").Append(P(bottom - top)).Append("\" fill=\"").Append(colour).Append("\" fill-opacity=\"0.08\" />");
            b.Append("<text x=\"").Append(P((x0 + x1) / 2)).Append("\" y=\"").Append(P(top + 14)).Append("\" font-size=\"12\" text-anchor=\"middle\" fill=\"")
                .Append(colour).Append("\">").Append(E(run.Value.ToString())).Append("</text>\n");
        }
    }

    private static void YAxis(StringBuilder b, YearViewData v, double max, Func<double, double> y, string unit, double bottom)
    {
        var step = NiceStep(max / 5);
        for (var t = 0.0; t <= max + 1e-9; t += step)
        {
            b.Append("<line x1=\"").Append(P(Left)).Append("\" y1=\"").Append(P(y(t))).Append("\" x2=\"").Append(P(X(v, v.Days.Count))).Append("\" y2=\"").Append(P(y(t)))
                .Append("\" stroke=\"#e0e0e0\" />");
            b.Append("<text x=\"").Append(P(Left - 8)).Append("\" y=\"").Append(P(y(t) + 4)).Append("\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">")
                .Append(Num(t)).Append("</text>\n");
        }
        b.Append("<text x=\"16\" y=\"").Append(P((y(max) + bottom) / 2)).Append("\" font-size=\"12\" fill=\"#555\" text-anchor=\"middle\" transform=\"rotate(-90 16 ")
            .Append(P((y(max) + bottom) / 2)).Append(")\">").Append(E(unit)).Append("</text>\n");
    }

    private static void MonthAxis(StringBuilder b, YearViewData v, double bottom)
    {
        b.Append("<line x1=\"").Append(P(Left)).Append("\" y1=\"").Append(P(bottom)).Append("\" x2=\"").Append(P(X(v, v.Days.Count))).Append("\" y2=\"").Append(P(bottom)).Append("\" stroke=\"#555\" />\n");
        for (var month = 1; month <= 12; month++)
        {
            var first = DayIndex(v, new DateOnly(v.Year, month, 1));
            var next = month == 12 ? v.Days.Count : DayIndex(v, new DateOnly(v.Year, month + 1, 1));
            b.Append("<line x1=\"").Append(P(X(v, first))).Append("\" y1=\"").Append(P(bottom)).Append("\" x2=\"").Append(P(X(v, first))).Append("\" y2=\"").Append(P(bottom + 6))
                .Append("\" stroke=\"#555\" />");
            b.Append("<text class=\"month-label\" x=\"").Append(P((X(v, first) + X(v, next)) / 2)).Append("\" y=\"").Append(P(bottom + 20))
                .Append("\" font-size=\"12\" text-anchor=\"middle\" fill=\"#333\">").Append(MonthNames[month - 1]).Append("</text>\n");
        }
    }

    private static void Legend(StringBuilder b, double x, double y, IReadOnlyList<(string Kind, string Colour, string Text)> items)
    {
        foreach (var (kind, colour, text) in items)
        {
            b.Append("<g class=\"legend\">");
            switch (kind)
            {
                case "area":
                case "bar":
                    b.Append("<rect x=\"").Append(P(x)).Append("\" y=\"").Append(P(y - 9)).Append("\" width=\"22\" height=\"12\" fill=\"").Append(colour)
                        .Append(kind == "area" ? "\" fill-opacity=\"0.18\" stroke=\"" + colour + "\" stroke-width=\"2\" />" : "\" />");
                    break;
                default:
                    b.Append("<line x1=\"").Append(P(x)).Append("\" y1=\"").Append(P(y - 3)).Append("\" x2=\"").Append(P(x + 22)).Append("\" y2=\"").Append(P(y - 3))
                        .Append("\" stroke=\"").Append(colour).Append("\" stroke-width=\"3\"").Append(kind == "line-dashed" ? " stroke-dasharray=\"7 3\"" : "").Append(" />");
                    break;
            }
            b.Append("<text x=\"").Append(P(x + 28)).Append("\" y=\"").Append(P(y + 1)).Append("\" font-size=\"12\" fill=\"#333\">").Append(E(text)).Append("</text></g>\n");
            x += 44 + (text.Length * 6.6);
        }
    }

    private static void SeasonLegend(StringBuilder b, double x, double y)
    {
        b.Append("<text x=\"").Append(P(x)).Append("\" y=\"").Append(P(y + 1)).Append("\" font-size=\"12\" fill=\"#333\">milestones:</text>");
        x += 76;
        foreach (var season in SeasonNames.All.Where(s => s != Season.Baseline))
        {
            b.Append("<path d=\"M").Append(P(x + 5)).Append(',').Append(P(y - 9)).Append(" l5,6 l-5,6 l-5,-6 Z\" fill=\"").Append(SeasonColours[season]).Append("\" />");
            b.Append("<text x=\"").Append(P(x + 14)).Append("\" y=\"").Append(P(y + 1)).Append("\" font-size=\"12\" fill=\"#333\">").Append(season.ToString()).Append("</text>");
            x += 24 + (season.ToString().Length * 7.2);
        }
        b.Append('\n');
    }

    /// <summary>An SVG path's points for a daily step series: level across each day, vertical at changes.</summary>
    private static string StepPoints(YearViewData v, Func<DayCapacity, double> value, Func<double, double> y)
    {
        var parts = new List<string>();
        foreach (var run in Runs(v, value))
        {
            parts.Add($"{P(X(v, run.Start))},{P(y(run.Value))}");
            parts.Add($"{P(X(v, run.End + 1))},{P(y(run.Value))}");
        }
        return string.Join(" L", parts);
    }

    private static IEnumerable<(int Start, int End, T Value)> Runs<T>(YearViewData v, Func<DayCapacity, T> value)
    {
        var start = 0;
        for (var i = 1; i <= v.Days.Count; i++)
        {
            if (i == v.Days.Count || !EqualityComparer<T>.Default.Equals(value(v.Days[i]), value(v.Days[start])))
            {
                yield return (start, i - 1, value(v.Days[start]));
                start = i;
            }
        }
    }

    /// <summary>1, 2 or 5 times a power of ten: gridlines at round numbers.</summary>
    private static double NiceStep(double rough)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(rough, 1e-9))));
        var f = rough / power;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
    }

    public static string Money(string currency, decimal amount) => $"{currency} {Amount(amount)}";

    private static string Amount(decimal amount) => amount.ToString("#,0.00", CultureInfo.InvariantCulture);

    private static string Num(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string P(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
