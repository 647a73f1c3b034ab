using System.Text.RegularExpressions;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Chaos;
using FreshFoodz.Components.Drills;
using FreshFoodz.Components.Plan;
using FreshFoodz.Components.Resilience;
using FreshFoodz.Monitoring;
using FreshFoodz.Operations.Drills;
using FreshFoodz.Operations.LoadTests;
using FreshFoodz.Operations.Playbooks;
using FreshFoodz.Operations.YearView;
using FreshFoodz.Stacks;

namespace FreshFoodz.Operations.Tests;

/// <summary>
/// The recovery drills and the business chaos as files and actions: the failover script (parsed, linted, run against
/// stub tools, every Azure CLI call held to its cited source), the floods (parsed, with their thresholds), the chaos
/// scenarios against the rehearsal's plan, the drill schedule in the playbooks, and the year view's recovery table.
/// </summary>
public partial class DrillTests
{
    private static readonly string Critical = FailoverDrill.Render(TestStacks.Settings("de-prod"), DrTier.Critical);

    [Fact]
    public void FailoverScriptsExistForEveryReplicatedTierOnly()
    {
        Assert.Equal(["de-prod-failover-critical.sh", "de-prod-failover-high.sh"], FailoverDrill.RenderAll(TestStacks.Settings("de-prod")).Keys);
        // The rehearsal keeps no replica: nothing to switch over, and asking for one is refused with the setting named.
        Assert.Empty(FailoverDrill.RenderAll(TestStacks.Settings("peak-weihnachten")));
        var e = Assert.Throws<ArgumentException>(() => FailoverDrill.Render(TestStacks.Settings("peak-weihnachten"), DrTier.Critical));
        Assert.Contains("freshfoodz:crossRegionReplicas", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => FailoverDrill.Render(TestStacks.Settings("de-prod"), DrTier.Standard));
    }

    /// <summary>Every az call uses a command, flags and values the cited sources document (DrillSources).</summary>
    [Fact]
    public void EveryAzureCliCallIsOneTheSourcesDocument()
    {
        var calls = AzCall().Matches(Critical).Select(m => m.Value).ToList();
        Assert.True(calls.Count >= 5, string.Join("\n", calls));
        foreach (var call in calls)
        {
            var command = DrillSources.Commands.Where(c => call.StartsWith(c.Command + " ", StringComparison.Ordinal)).MaxBy(c => c.Command.Length);
            Assert.True(command is not null, $"'{call}' is not a documented command");
            // A call quoted in a message ends at its closing quote.
            var words = call[command.Command.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.TrimEnd('"')).ToArray();
            for (var i = 0; i < words.Length; i++)
            {
                if (!words[i].StartsWith("--", StringComparison.Ordinal))
                {
                    continue;
                }
                Assert.True(command.Flags.Contains(words[i]), $"'{words[i]}' of '{command.Command}' is not in its source ({command.Source})");
                if (command.Values.TryGetValue(words[i], out var allowed))
                {
                    Assert.Contains(words[i + 1], allowed);
                }
            }
            Assert.Matches("(docs|reference|learn.microsoft.com)", command.Source);
        }
        // The switchover and the switch back, both planned, both switchover.
        Assert.Equal(2, Critical.Split('\n').Count(l => l.StartsWith("az postgres flexible-server replica promote", StringComparison.Ordinal)));
        Assert.DoesNotContain("forced", Critical, StringComparison.Ordinal);
        Assert.DoesNotContain("standalone", Critical, StringComparison.Ordinal);
    }

    /// <summary>The capacity windows and the day after each, worked by hand for de-prod (lead time 14 days).</summary>
    [Fact]
    public void TheScriptRefusesEveryPeaksCapacityWindow()
    {
        Assert.Contains("REFUSED=(\"03-18 07-01 spargel\" \"08-18 10-01 oktoberfest\" \"10-18 01-01 weihnachten\")", Critical, StringComparison.Ordinal);
        Assert.Contains("PRIMARY=psql-ff-deprod-critical\n", Critical, StringComparison.Ordinal);
        Assert.Contains("REPLICA=psql-ff-deprod-critical-dr\n", Critical, StringComparison.Ordinal);
        Assert.Contains("ENDPOINT=psql-ff-deprod-critical-writer\n", Critical, StringComparison.Ordinal);
        Assert.Contains("RTO_TARGET=3600\nRPO_TARGET=900\n", Critical, StringComparison.Ordinal);
    }

    [Fact]
    public void ScriptsParseAndPassShellcheck()
    {
        var bash = Tools.Find("bash", "bash");
        var shellcheck = Tools.Find("shellcheck", "shellcheck");
        var dir = Directory.CreateTempSubdirectory("freshfoodz-drills-").FullName;
        try
        {
            var plan = StackPlanner.Build(TestStacks.SettingsWith("peak-weihnachten",
                ("freshfoodz:territory:", "freshfoodz:restoreDrill: {date: 2027-03-02, tiers: [standard]}\n  freshfoodz:territory:")), Season.Weihnachten);
            var podScripts = plan.Resources.SelectMany(r => r.Inputs.Descendants().OfType<PlanList>())
                .Where(l => l.Items.Length == 3 && l.Items[0] is PlanString { Value: "/bin/sh" })
                .Select(l => ((PlanString)l.Items[2]).Value).Distinct().ToList();
            // Canaries (3), the standard tier's two verifications (one script), the three chaos scenarios.
            Assert.Equal(5, podScripts.Count);
            var files = new List<(string Path, string Shell)>();
            foreach (var (script, i) in podScripts.Select((s, i) => (s, i)))
            {
                files.Add((Path.Combine(dir, $"pod-{i}.sh"), "sh"));
                File.WriteAllText(files[^1].Path, script);
            }
            foreach (var (name, script) in FailoverDrill.RenderAll(TestStacks.Settings("de-prod")).Concat(FailoverDrill.RenderAll(TestStacks.Settings("ch-prod"))))
            {
                files.Add((Path.Combine(dir, name), "bash"));
                File.WriteAllText(files[^1].Path, script);
            }
            foreach (var (path, shell) in files)
            {
                var (exit, _, err) = Tools.Run(bash, ["-n", path], TimeSpan.FromSeconds(30));
                Assert.True(exit == 0, $"{path}: {err}");
                var (lint, output, _) = Tools.Run(shellcheck, ["-s", shell, path], TimeSpan.FromSeconds(60));
                Assert.True(lint == 0, $"{path}:\n{output}");
            }
            // The lint can fail: the PromQL in double quotes, as it once was, is caught.
            var broken = Path.Combine(dir, "broken.sh");
            File.WriteAllText(broken, "#!/usr/bin/env bash\nq() { echo \"$1\"; }\nq \"rate(x{territory=\"de\"}[1m])\"\n");
            Assert.NotEqual(0, Tools.Run(shellcheck, ["-s", "bash", broken], TimeSpan.FromSeconds(60)).Exit);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// The script's checks run for real against stub tools (date, az, kubectl, curl; jq is real): inside a capacity
    /// window and outside the low-traffic window it refuses; on a quiet day at night it passes and changes nothing.
    /// </summary>
    [Theory]
    [InlineData("10-20", "02:00", 1, "is in the weihnachten capacity window 10-18 to 01-01")]
    [InlineData("01-01", "02:00", 1, "is in the weihnachten capacity window 10-18 to 01-01")]
    [InlineData("07-01", "02:00", 1, "is in the spargel capacity window 03-18 to 07-01")]
    [InlineData("10-11", "14:00", 1, "run inside its low-traffic window 01:00-04:00 UTC (now 14:00)")]
    [InlineData("10-11", "02:00", 0, "checks passed; --execute would run: az postgres flexible-server replica promote --resource-group rg-freshfoodz-de-prod-gno --name psql-ff-deprod-critical-dr --promote-mode switchover --promote-option planned --yes")]
    // Autogrow raised the primary's storage: "promote to primary server" needs equal sizes (concepts-read-replicas-promote.md).
    [InlineData("10-11", "02:00", 1, "psql-ff-deprod-critical (Standard_D4ds_v5 GeneralPurpose 1024) and psql-ff-deprod-critical-dr (Standard_D4ds_v5 GeneralPurpose 512) differ in SKU, tier or storage GiB", 1024)]
    [InlineData("10-11", "02:00", 1, "(Standard_D8ds_v5 GeneralPurpose 512) and psql-ff-deprod-critical-dr (Standard_D4ds_v5 GeneralPurpose 512) differ", 512, "Standard_D8ds_v5")]
    public void TheChecksRunAgainstStubTools(string day, string time, int expectedExit, string expected, int primaryGiB = 512, string primarySku = "Standard_D4ds_v5")
    {
        var bash = Tools.Find("bash", "bash");
        Tools.Find("jq", "jq");
        var dir = Directory.CreateTempSubdirectory("freshfoodz-failover-").FullName;
        try
        {
            var bin = Directory.CreateDirectory(Path.Combine(dir, "bin")).FullName;
            void Stub(string name, string body) => WriteStub(bin, "#!/usr/bin/env bash", name, body);
            Stub("date", $"case \"$*\" in *%m-%d*) echo {day};; *%H:%M*) echo {time};; *) echo 1790000000;; esac");
            // The two spellings of the size key: the script reads either.
            Stub("az", "case \"$*\" in *'virtual-endpoint show'*) echo psql-ff-deprod-critical-dr;; *'flexible-server show'*'--query state'*) echo Ready;; "
                + "*'flexible-server show'*psql-ff-deprod-critical-dr*) echo '{\"sku\":{\"name\":\"Standard_D4ds_v5\",\"tier\":\"GeneralPurpose\"},\"storage\":{\"storageSizeGb\":512}}';; "
                + $"*'flexible-server show'*) echo '{{\"sku\":{{\"name\":\"{primarySku}\",\"tier\":\"GeneralPurpose\"}},\"storage\":{{\"autoGrow\":\"Enabled\",\"storageSizeGB\":{primaryGiB}}}}}';; "
                + "*) echo \"az $*\" >> \"$AZ_LOG\";; esac");
            Stub("kubectl", "sleep 30");
            Stub("sleep", "exit 0");
            Stub("curl", "echo '{\"data\":{\"result\":[{\"metric\":{},\"value\":[1790000000,\"1789999990\"]}]}}'");
            var script = Path.Combine(dir, "failover.sh");
            File.WriteAllText(script, Critical);
            var log = Path.Combine(dir, "az.log");
            var start = new System.Diagnostics.ProcessStartInfo(bash) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(script);
            start.Environment["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";
            start.Environment["AZ_LOG"] = log;
            using var process = System.Diagnostics.Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(60_000));
            Assert.Equal(expectedExit, process.ExitCode);
            Assert.Contains(expected, output, StringComparison.Ordinal);
            // Without --execute nothing but the subscription is set: no promotion ran.
            var calls = File.Exists(log) ? File.ReadAllText(log) : "";
            Assert.DoesNotContain("promote", calls, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// The restore verification run for real against stub psql, date and wget (restore point 1,000,000; drill started
    /// 1,018,000, five hours later; verified 1,019,000). A geo copy at the requested point is measured against that
    /// point, as a point-in-time copy is; one holding rows after it got the paired region's last backup and is measured
    /// against the start. Measured against the start, the first would report five hours of loss it never had.
    /// </summary>
    [Theory]
    [InlineData("pitr", 300, 999_940)]
    [InlineData("geo", 0, 999_940)]
    [InlineData("geo", 290, 1_017_940)]
    public void TheRestoreVerificationMeasuresAgainstThePointTheCopyHolds(string kind, int rowsAfterPoint, int newest)
    {
        var sh = Tools.Find("sh", "dash");
        var dir = Directory.CreateTempSubdirectory("freshfoodz-verify-").FullName;
        try
        {
            var bin = Directory.CreateDirectory(Path.Combine(dir, "bin")).FullName;
            void Stub(string name, string body) => WriteStub(bin, "#!/bin/sh", name, body);
            Stub("psql", "case \"$*\" in *'SELECT 1'*) echo 1;; *2026-10-02T05:00:00Z*) echo 1018000;; *2026-10-02T00:00:00Z*) echo 1000000;; "
                + "*to_regclass*) echo t;; *information_schema*) echo 7;; *'count(*)'*) echo \"$ROWS_AFTER\";; *'max(written_at)'*) echo \"$NEWEST\";; *) exit 9;; esac");
            Stub("date", "echo 1019000");
            Stub("wget", "for a in \"$@\"; do case \"$a\" in --post-file=*) cat \"${a#--post-file=}\" >> \"$PUSHED\";; esac; done");
            File.WriteAllText(Path.Combine(dir, "password"), "x");
            var start = new System.Diagnostics.ProcessStartInfo(sh) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(RestoreDrill.Script);
            start.Environment["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";
            foreach (var (k, v) in new[]
            {
                ("PASSWORD_FILE", Path.Combine(dir, "password")), ("PUSHED", Path.Combine(dir, "pushed")), ("PUSHGATEWAY", "http://pushgateway:9091"),
                ("PGHOST", "drill"), ("TIER", "standard"), ("KIND", kind), ("DRILL", "20261002"), ("TERRITORY", "de"),
                ("RESTORE_POINT", "2026-10-02T00:00:00Z"), ("DRILL_STARTED_AT", "2026-10-02T05:00:00Z"),
                ("ROWS_AFTER", rowsAfterPoint.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("NEWEST", newest.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            })
            {
                start.Environment[k] = v;
            }
            using var process = System.Diagnostics.Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(30_000));
            Assert.True(process.ExitCode == 0, output);
            var pushed = File.ReadAllText(Path.Combine(dir, "pushed"));
            Assert.Contains($"{DrillMetrics.Rpo}{{drill=\"20261002\"}} 60\n", pushed, StringComparison.Ordinal);
            Assert.Contains($"{DrillMetrics.Rto}{{drill=\"20261002\"}} 1000\n", pushed, StringComparison.Ordinal);
            Assert.Contains($"{DrillMetrics.Success}{{drill=\"20261002\"}} 1\n", pushed, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The runbook cites the sources the script follows, and names every command the script runs.</summary>
    [Fact]
    public void TheRunbookCitesTheSourcesAndTheScriptsCommands()
    {
        var runbook = File.ReadAllText(Path.Combine(TestStacks.Root, "docs", "recovery-drills.md"));
        foreach (var source in new[] { DrillSources.Promote, DrillSources.SwitchOver, DrillSources.ShowEndpoints, DrillSources.BackupRestore })
        {
            Assert.Contains(source[(source.IndexOf("articles/", StringComparison.Ordinal))..], runbook, StringComparison.Ordinal);
        }
        foreach (var command in DrillSources.Commands.Where(c => c.Command.StartsWith("az postgres", StringComparison.Ordinal)))
        {
            Assert.Contains(command.Command, runbook, StringComparison.Ordinal);
            Assert.Contains(command.Command, Critical, StringComparison.Ordinal);
        }
        Assert.Contains("--promote-mode switchover --promote-option planned", runbook, StringComparison.Ordinal);
        foreach (var (fact, source) in DrillSources.Facts)
        {
            Assert.Contains(source[(source.IndexOf("articles/", StringComparison.Ordinal))..], runbook, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FloodsAreRenderedOnlyWhereChaosIsPlannedAndCarryTheirThresholds()
    {
        Assert.Empty(FloodScripts.RenderAll(TestStacks.Settings("de-prod")));
        var floods = FloodScripts.RenderAll(TestStacks.Settings("peak-weihnachten"));
        Assert.Equal(["peak-weihnachten-gdpr-flood.js", "peak-weihnachten-sample-flood.js"], floods.Keys);
        var sample = floods["peak-weihnachten-sample-flood.js"];
        Assert.Contains("executor: 'constant-vus',\n      vus: 1000,", sample, StringComparison.Ordinal);
        Assert.Contains("'sample_success': ['rate>0.8'],", sample, StringComparison.Ordinal);
        Assert.Contains("const sampleSuccess = new Rate('sample_success');", sample, StringComparison.Ordinal);
        Assert.Contains("tags: { route: 'sample' }", sample, StringComparison.Ordinal);
        var gdpr = floods["peak-weihnachten-gdpr-flood.js"];
        Assert.Contains("iterations: 5000,", gdpr, StringComparison.Ordinal);
        Assert.Contains("'gdpr_accepted': ['rate>0.99'],", gdpr, StringComparison.Ordinal);
        Assert.Contains("'http_req_failed': ['rate<0.02'],", gdpr, StringComparison.Ordinal);
        Assert.Contains("n % 100 === 0 ? 22 * DAY_MS : 0", gdpr, StringComparison.Ordinal);
        Assert.Contains("const gdprAccepted = new Rate('gdpr_accepted');", gdpr, StringComparison.Ordinal);

        var node = Tools.Find("node", "nodejs");
        var dir = Directory.CreateTempSubdirectory("freshfoodz-floods-").FullName;
        try
        {
            foreach (var (file, script) in floods)
            {
                var path = Path.Combine(dir, Path.ChangeExtension(file, ".mjs"));
                File.WriteAllText(path, script);
                var (exit, _, err) = Tools.Run(node, ["--check", path], TimeSpan.FromSeconds(60));
                Assert.True(exit == 0, $"{file} does not parse as a JavaScript module:\n{err}");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Each scenario names an alert the rules have, and starts what the rehearsal's plan or render k6 provides.</summary>
    [Fact]
    public void EveryChaosScenarioHasItsExpectedOutcomeAndAnAlertThatExists()
    {
        var scenarios = BusinessChaos.For("peak-weihnachten");
        Assert.Equal(5, scenarios.Count);
        Assert.All(scenarios, s => Assert.Contains(s.Alert, MetricsContract.Alerts.All));
        Assert.All(scenarios, s => Assert.False(string.IsNullOrWhiteSpace(s.Expected)));
        var plan = StackPlanner.Plan(TestStacks.Settings("peak-weihnachten"), Season.Weihnachten);
        var cronJobs = plan.Resources.Where(r => r.Type == "kubernetes:batch/v1:CronJob" && (r.Inputs.At("spec.suspend") as PlanBool)?.Value == true)
            .Select(r => ((PlanString)r.Inputs.At("metadata.name")!).Value).ToHashSet();
        Assert.Equal([ChaosScenarios.AuditOverwrite, ChaosScenarios.LeadProtectionCorruption, ChaosScenarios.PoolExhaustion], cronJobs.Order(StringComparer.Ordinal));
        var floods = FloodScripts.RenderAll(TestStacks.Settings("peak-weihnachten")).Keys;
        foreach (var s in scenarios)
        {
            Assert.True(cronJobs.Any(j => s.Start.EndsWith($"--from=cronjob/{j}", StringComparison.Ordinal)) || floods.Any(f => s.Start.EndsWith($"k6/{f}", StringComparison.Ordinal)),
                $"{s.Name}: '{s.Start}' starts nothing the rehearsal has");
        }
    }

    /// <summary>Restore drills at T-30 and at each review, on the stack itself; the failover drill at T-21, outside every capacity window.</summary>
    [Theory]
    [InlineData("de-prod", 2026)]
    [InlineData("ch-prod", 2027)]
    public void ThePlaybooksScheduleTheDrills(string stack, int year)
    {
        var settings = TestStacks.Settings(stack);
        var calendar = PlaybookPlanner.Create(settings, year, TestStacks.Rehearsal);
        foreach (var season in calendar.Seasons)
        {
            var t30 = season.Milestones.Single(m => m.Kind == MilestoneKind.CapacityPlan);
            var review = season.Milestones.Single(m => m.Kind == MilestoneKind.Review);
            foreach (var m in new[] { t30, review })
            {
                var set = Assert.Single(m.Actions, a => a.Run.Contains("freshfoodz:restoreDrill.date", StringComparison.Ordinal));
                Assert.Contains($"'freshfoodz:restoreDrill.date' {m.Start:yyyy-MM-dd} -s {stack}", set.Run, StringComparison.Ordinal);
                Assert.Contains(m.Actions, a => a.Run == $"pulumi config rm freshfoodz:restoreDrill -s {stack} && pulumi up --stack {stack}");
            }
            var failover = season.Milestones.Single(m => m.Kind == MilestoneKind.FailoverDrill);
            Assert.Equal(("T-21", season.Window.FirstDay.AddDays(-21)), (failover.Label, failover.Start));
            // The rehearsal keeps no replica, so the drill runs on the stack itself, with the generated script.
            Assert.Contains(failover.Actions, a => a.Run == $"freshfoodz render drills --stack {stack} --out drills && bash drills/{stack}-failover-critical.sh --execute");
            // The stack's unattended runs are held before the first switchover and released after HA is back, never
            // inside the drill: an hourly up between the two switchovers would ask HA of the demoted primary.
            var runs = failover.Actions.Select(a => a.Run).ToList();
            var hold = runs.FindIndex(r => r.StartsWith($"pulumi stack tag set freshfoodz:holdUntil ", StringComparison.Ordinal) && r.EndsWith($"--stack {stack}", StringComparison.Ordinal));
            var release = runs.FindIndex(r => r == $"pulumi up --refresh --stack {stack} && pulumi stack tag rm freshfoodz:holdUntil --stack {stack}");
            var drills = runs.Select((r, i) => (r, i)).Where(x => x.r.Contains("-failover-", StringComparison.Ordinal)).Select(x => x.i).ToList();
            Assert.True(hold >= 0 && release > drills.Max() && hold < drills.Min(), string.Join("\n", runs));
            var md = new MonthDay(failover.Start.Month, failover.Start.Day);
            Assert.All(FailoverDrill.RefusedWindows(settings), w => Assert.False(Inside(md, w.From, w.To), $"{failover.Start} is in the {w.Season} window"));
        }
        // On a rehearsal stack that keeps replicas the drill runs there.
        var withReplicas = PlaybookPlanner.Create(settings, year, TestStacks.Rehearsal with { RehearsalKeepsReplicas = true });
        Assert.Contains(withReplicas.Milestones.First(m => m.Kind == MilestoneKind.FailoverDrill).Actions,
            a => a.Run.EndsWith("bash drills/peak-weihnachten-failover-critical.sh --execute", StringComparison.Ordinal));
    }

    /// <summary>An executable stand-in for a tool the scripts call (psql, az, date…), in <paramref name="bin"/>.</summary>
    private static void WriteStub(string bin, string shebang, string name, string body)
    {
        var path = Path.Combine(bin, name);
        File.WriteAllText(path, shebang + "\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void TheYearViewShowsMeasuredRecoveryBesideTheTargetsAndNeverInventsIt()
    {
        var settings = TestStacks.Settings("de-prod");
        var view = YearViewData.Create(settings, TestStacks.Prices("de-prod"), 2026, TestStacks.Rehearsal);
        var offline = YearViewHtml.Render(view);
        Assert.Contains("not measured: run report with --prometheus", offline, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(offline, "<td>not measured yet</td>"));
        var measured = YearViewHtml.Render(view with
        {
            Recovery = new DrillEvidence(
            [
                new(DrTier.Critical, "pitr", "20261002", 1500, 40, DateTimeOffset.FromUnixTimeSeconds(1790000000), true),
                new(DrTier.Critical, "failover", "20261011", 200, 0, DateTimeOffset.FromUnixTimeSeconds(1790700000), true),
                new(DrTier.High, "pitr", "20261002", 16000, 40, DateTimeOffset.FromUnixTimeSeconds(1790000000), true),
            ], "read from http://127.0.0.1:9090/ at 2026-10-12 08:00 UTC"),
        });
        Assert.Contains("<td>critical</td><td>pitr 20261002</td><td>1 h</td><td>1500 s</td><td>15 min</td><td>40 s</td>", measured, StringComparison.Ordinal);
        Assert.Contains("<td>high</td><td>pitr 20261002</td><td>4 h</td><td>16000 s</td><td>1 h</td><td>40 s</td><td>2026-09-21 14:13</td><td>misses</td>", measured, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(measured, "<td>meets</td>"));
        Assert.Single(Regex.Matches(measured, "<td>not measured yet</td>"));
    }

    private static bool Inside(MonthDay day, MonthDay from, MonthDay to)
    {
        static int N(MonthDay d) => d.Month * 100 + d.Day;
        return N(from) <= N(to) ? N(day) >= N(from) && N(day) <= N(to) : N(day) >= N(from) || N(day) <= N(to);
    }

    [GeneratedRegex(@"az (postgres flexible-server [a-z-]+(?: [a-z-]+)?|account set) [^\n|]*")]
    private static partial Regex AzCall();
}
