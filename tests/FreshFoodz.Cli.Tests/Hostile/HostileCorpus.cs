using System.Text;

namespace FreshFoodz.Cli.Tests.Hostile;

/// <summary>
/// The hostile inputs of issue 12 and more: bad stack files (each run through every command), bad command lines,
/// bad Prometheus replies, broken sibling stack files. Large inputs are generated here, at test time, into the
/// case's sandbox; none is committed.
/// </summary>
internal static class HostileCorpus
{
    private const string Hostile = "hostile";
    private const string File = "Pulumi.hostile.yaml";
    private const string Calibrate = "calibrate";
    private const string At = "2026-02-01T00:00:00Z";
    private const string RateQuery = "'sum by (route_class) (rate(http_requests_total{territory=\"de\"}[5m]))'";
    private const string MeanQuery = "http_request_duration_seconds_sum{territory=\"de\"}";
    private const string P95Query = "'sum by (le) (increase(http_request_duration_seconds_bucket";
    private const string RequestsQuery = "'sum(increase(http_requests_total{territory=\"de\"}[1d]))'";

    private static readonly HashSet<string> Large = ["unknown-keys-1-mib", "larger-than-1-mib", "value-500-kb", "brackets-200k-deep", "mappings-100k-deep"];

    public static IReadOnlyDictionary<string, HostileCase> All { get; } = Build();

    private static Dictionary<string, HostileCase> Build()
    {
        var cases = new List<HostileCase>();
        foreach (var (name, arrange, says) in BadStackFiles())
        {
            // The megabyte-sized files meet three commands in-process (and capacity again as a child process), to keep the corpus fast.
            foreach (var (command, args) in EveryCommand(Hostile).Where(c => !Large.Contains(name) || c.Name is "capacity" or "report" or Calibrate))
            {
                cases.Add(new HostileCase($"file {name} | {command}", args, 2, [File, .. says]) { Arrange = arrange });
            }
        }
        cases.AddRange(ValidStackFiles());
        cases.AddRange(DailyLoadCurve());
        cases.AddRange(CommandLines());
        cases.AddRange(BrokenSiblings());
        cases.AddRange(BrokenPricingFiles());
        cases.AddRange(PrometheusReplies());
        cases.AddRange(Outputs());
        cases.AddRange(RetailPricesReplies());
        cases.AddRange(ChildProcesses());
        cases.AddRange(ReleaseCheckPlans());
        cases.AddRange(DrillReplies());
        cases.AddRange(EnvironmentDefinitions());
        return cases.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    /// <summary>Every command that reads a stack, with the stack given.</summary>
    private static IEnumerable<(string Name, string[] Args)> EveryCommand(string stack) =>
    [
        ("capacity", ["capacity", "--stack", stack]),
        ("plan", ["plan", "--stack", stack, "--format", "json"]),
        ("diff", ["diff", "--stack", stack, "--from", "baseline", "--to", "weihnachten"]),
        ("render monitoring", ["render", "monitoring", "--stack", stack, "--out", "{out}/monitoring"]),
        ("render playbooks", ["render", "playbooks", "--stack", stack, "--year", "2026", "--out", "{out}/playbooks"]),
        ("render k6", ["render", "k6", "--stack", stack, "--out", "{out}/k6"]),
        ("render drills", ["render", "drills", "--stack", stack, "--out", "{out}/drills"]),
        ("report", ["report", "--stack", stack, "--year", "2026", "--out", "{out}/report.html"]),
        (Calibrate, [Calibrate, "--stack", stack, "--prometheus", "{prometheus}ok/", "--at", At, "--baseline-days", "7", "--write"]),
    ];

    private static (string, Action<Sandbox>, string[]) Text(string name, string yaml, params string[] says) =>
        (name, s => s.Write(Hostile, yaml), says);

    private static IEnumerable<(string Name, Action<Sandbox> Arrange, string[] Says)> BadStackFiles()
    {
        // YAML structure
        yield return Text("billion-laughs",
            "config:\n  a: &a [x, x, x, x, x, x, x, x, x]\n" + string.Concat(Enumerable.Range(1, 9).Select(i => $"  l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat(i == 1 ? "*a" : $"*l{i - 1}", 9))}]\n")),
            "anchors (&name) are not allowed");
        yield return Text("alias-without-anchor", "config:\n  freshfoodz:season: *nothing\n", "aliases (*name) are not allowed");
        yield return Text("brackets-200k-deep", "config:\n  freshfoodz:season: " + new string('[', 200_000) + new string(']', 200_000) + "\n", "freshfoodz:season", "nested more than 32 levels deep");
        yield return Text("mappings-100k-deep", "config:\n  freshfoodz:season: " + string.Concat(Enumerable.Repeat("{a: ", 100_000)) + "b" + new string('}', 100_000) + "\n", "nested more than 32 levels deep");
        yield return Text("second-document", Sandbox.DeProd + "---\nconfig: {}\n", "one YAML document");
        yield return Text("tagged-duplicate-top", Sandbox.DeProdWith("  freshfoodz:season: auto\n", "  freshfoodz:season: auto\n  !!str freshfoodz:season: weihnachten\n"), "freshfoodz:season: duplicate key");
        yield return Text("tagged-duplicate-nested", Sandbox.DeProdWith("      meanServiceTimeSeconds: 0.2\n", "      meanServiceTimeSeconds: 0.2\n      !!str meanServiceTimeSeconds: 0.1\n"), "freshfoodz:workload.api.meanServiceTimeSeconds: duplicate key");
        yield return Text("tag-foreign", Sandbox.DeProdWith("freshfoodz:season: auto", "freshfoodz:season: !!binary YXV0bw=="), "the YAML tag 'tag:yaml.org,2002:binary' is not allowed");
        yield return Text("key-a-list", "config:\n  ? [a, b]\n  : c\n", "keys must be plain text");
        // YAML itself limits implicit keys to 1024 characters; an explicit key (? …) has no limit but ours.
        yield return Text("key-10k-characters", $"config:\n  ? freshfoodz:{new string('k', 10_000)}\n  : 1\n", "keys have at most 256");
        yield return Text("key-implicit-10k-characters", $"config:\n  freshfoodz:{new string('k', 10_000)}: 1\n", "malformed YAML");
        yield return Text("unclosed-bracket", Sandbox.DeProdWith("critical: {storageSizeGB: 512}", "critical: {storageSizeGB: 512"), "malformed YAML");
        yield return Text("tab-indentation", Sandbox.DeProdWith("  freshfoodz:territory: de\n", "  freshfoodz:territory: de\n\tfreshfoodz:season: auto\n"), "malformed YAML");
        // Found by ReaderProperties: an escaped lone surrogate once left the YAML scanner as an ArgumentException (exit 70).
        yield return Text("escaped-lone-surrogate", Sandbox.DeProdWith("freshfoodz:season: auto", "freshfoodz:season: \"\\uD800\\u0041\""), "malformed YAML: an escape sequence that is no character");
        yield return Text("punctuation-soup", string.Concat(Enumerable.Repeat("{[&*!|>%@`'\"#:-? ", 2000)), "(file)");
        yield return Text("nul-character", "config:\n  freshfoodz:season: a\0b\n", File);
        // Third probe: a raw NUL after a key was read as a blank (the rest of the file taken as valid).
        yield return Text("nul-after-key", Sandbox.DeProd.Replace("config:", "config:\0", StringComparison.Ordinal), "holds the control character U+0000");
        yield return Text("escape-character-raw", Sandbox.DeProd.Replace("config:", "config: \u001b[2J", StringComparison.Ordinal), "holds the control character U+001B");
        yield return Text("root-a-scalar", "just text\n", "a stack file must be a mapping");
        yield return Text("root-a-list", "- config\n", "a stack file must be a mapping");
        yield return Text("config-empty", "config:\n", "missing 'config:' mapping");
        yield return Text("config-a-list", "config: [a, b]\n", "missing 'config:' mapping");
        // Namespaces and keys
        yield return Text("namespace-misspelt", Sandbox.DeProdWith("freshfoodz:season: auto", "freshfood:season: weihnachten"), "freshfood:season", "unknown namespace 'freshfood'", "freshfoodz:<key>");
        yield return Text("namespace-capitalised", Sandbox.DeProdWith("freshfoodz:season: auto", "FreshFoodz:season: weihnachten"), "FreshFoodz:season", "unknown namespace 'FreshFoodz'");
        yield return Text("namespace-project-name", Sandbox.DeProdWith("freshfoodz:season: auto", "freshfoodz-infra:season: weihnachten"), "freshfoodz-infra:season", "unknown namespace 'freshfoodz-infra'");
        yield return Text("unknown-keys-1-mib", "config:\n" + Lines(1024 * 1024 - 16, i => $"  freshfoodz:unknown{i}: value\n"), "more problems not listed");
        // Values
        yield return Text("short-name-trailing-newline", Sandbox.DeProdWith("freshfoodz:shortName: deprod", "freshfoodz:shortName: \"deprod\\n\""), "freshfoodz:shortName", "got 'deprod\\n'");
        yield return Text("version-arabic-digits", Sandbox.DeProdWith("freshfoodz:kubernetesVersion: \"1.36\"", "freshfoodz:kubernetesVersion: \"1.\u0663\u0663\""), "freshfoodz:kubernetesVersion");
        yield return Text("value-500-kb", Sandbox.DeProdWith("freshfoodz:shortName: deprod", "freshfoodz:shortName: " + new string('a', 500_000)), "freshfoodz:shortName", "(500000 characters)");
        yield return Text("rate-1e12", Sandbox.DeProdWith("baselineRequestsPerSecond: 50", "baselineRequestsPerSecond: 1e12"), "freshfoodz:workload.api.baselineRequestsPerSecond", "from 0.001 to 100000");
        yield return Text("rate-nan", Sandbox.DeProdWith("baselineRequestsPerSecond: 50", "baselineRequestsPerSecond: .nan"), "freshfoodz:workload.api.baselineRequestsPerSecond");
        yield return Text("rate-inf", Sandbox.DeProdWith("baselineRequestsPerSecond: 50", "baselineRequestsPerSecond: 1e999"), "freshfoodz:workload.api.baselineRequestsPerSecond");
        yield return Text("utilization-1e-300", Sandbox.DeProd.TrimEnd() + "\n  freshfoodz:utilization:\n    weihnachten:\n      app: 1e-300\n", "freshfoodz:utilization.weihnachten.app", "from 0.05 to 0.95");
        yield return Text("daily-load-23-factors", Sandbox.DeProd.TrimEnd() + "\n  freshfoodz:dailyLoad: [1" + string.Concat(Enumerable.Repeat(", 0.5", 22)) + "]\n", "freshfoodz:dailyLoad", "24 hourly factors", "got 23 factors");
        yield return Text("daily-load-nan", Sandbox.DeProd.TrimEnd() + "\n  freshfoodz:dailyLoad: [1" + string.Concat(Enumerable.Repeat(", 0.5", 22)) + ", .nan]\n", "freshfoodz:dailyLoad[23]", "from 0.01 to 1");
        yield return Text("daily-load-secret", Sandbox.DeProd.TrimEnd() + "\n  freshfoodz:dailyLoad:\n    secure: v1:c2VjcmV0\n", "freshfoodz:dailyLoad", "not a secret");
        yield return Text("budget-1e30", Sandbox.DeProdWith("monthlyAmount: 600", "monthlyAmount: 1e30"), "freshfoodz:aiBudget.monthlyAmount");
        yield return Text("concurrency-beyond-int", Sandbox.DeProdWith("concurrencyPerPod: 8", "concurrencyPerPod: 99999999999999999999"), "freshfoodz:workload.api.concurrencyPerPod");
        // Found by LoaderProperties: a name of "" once missed its key's range (exit 70); a blank key is now refused when read.
        yield return Text("vm-size-empty-name", Sandbox.DeProdWith("Standard_D2ds_v5: {vCpus: 2", "\"\": {vCpus: 200, memoryGiB: 8}\n    Standard_D2ds_v5: {vCpus: 2"), "freshfoodz:vmSizes", "a blank key ''");
        yield return Text("lead-time-negative", Sandbox.DeProd.TrimEnd() + "\n  freshfoodz:leadTimeDays: -2147483648\n", "freshfoodz:leadTimeDays");
        yield return Text("url-with-password", Sandbox.DeProdWith("url: https://tickets.freshfoodz.example", "url: https://alerts:hunter2@tickets.freshfoodz.example"), "freshfoodz:alerting.tickets.url", "'user:password@' is refused");
        yield return Text("url-with-api-key", Sandbox.DeProdWith("url: https://tickets.freshfoodz.example/api/alerts/de-prod", "url: https://tickets.freshfoodz.example/api/alerts/de-prod?api_key=hunter2"), "freshfoodz:alerting.tickets.url", "'api_key'");
        // Values the docs call invalid (issue 23): each refused at validation, before anything is planned.
        yield return Text("switch-outside-window-on-year-9999", Sandbox.DeProd.TrimEnd() + "\n  freshfoodz:switchOutsideWindowOn: 9999-12-31\n", "freshfoodz:switchOutsideWindowOn", "from 2000-01-01 to 2100-12-31", "got '9999-12-31'");
        yield return Text("restore-drill-point-in-year-1", Sandbox.DeProd.TrimEnd() + "\n  freshfoodz:restoreDrill: {date: 2026-12-03, tiers: [critical], pointInTime: \"0001-01-01T00:00:00Z\"}\n", "freshfoodz:restoreDrill.pointInTime", "before the servers had backups");
        yield return Text("restore-drill-tier-twice", Sandbox.DeProd.TrimEnd() + "\n  freshfoodz:restoreDrill: {date: 2026-12-03, tiers: [critical, critical]}\n", "freshfoodz:restoreDrill.tiers[1]", "lists critical twice");
        yield return Text("chaos-on-production", Sandbox.DeProd.TrimEnd() + "\n  freshfoodz:chaosExperiments: true\n", "freshfoodz:chaosExperiments", "only on a rehearsal stack");
        yield return Text("created-on-year-9999", Sandbox.DeProdWith("freshfoodz:createdOn: \"2026-12-02\"", "freshfoodz:createdOn: \"9999-12-31\""), "freshfoodz:createdOn", "from 2000-01-01 to 2100-12-31");
        yield return Text("principal-id-trailing-newline", Sandbox.DeProdWith("principalId: 22222222-2222-4222-8222-222222222222,", "principalId: \"22222222-2222-4222-8222-222222222222\\n\","), "freshfoodz:deployer.principalId", "must be printable text");
        yield return Text("subscription-nil-guid", Sandbox.DeProdWith("freshfoodz:subscriptionId: 11111111-1111-4111-8111-111111111111", "freshfoodz:subscriptionId: 00000000-0000-0000-0000-000000000000"), "freshfoodz:subscriptionId", "not the nil GUID");
        yield return Text("principal-name-bidi-override", Sandbox.DeProdWith("principalName: sg-freshfoodz-de-dba,", "principalName: \"sg-\\u202Eabd-ed\","), "freshfoodz:databaseAdmin.principalName", "U+202E is a control or formatting character");
        yield return Text("principal-name-blank", Sandbox.DeProdWith("principalName: sg-freshfoodz-de-dba,", "principalName: \" \","), "freshfoodz:databaseAdmin.principalName", "not blank");
        yield return Text("module-key-escape-sequence", Sandbox.DeProdWith("    crm:\n", "    \"crm\\e[2J\":\n"), "freshfoodz:modules", "is not printable text");
        yield return Text("low-traffic-window-one-minute", Sandbox.DeProd.TrimEnd() + "\n  freshfoodz:lowTrafficWindow: \"01:00-01:01\"\n", "freshfoodz:lowTrafficWindow", "at least 150 minutes");
        yield return Text("top-level-key-misspelt", "confg: {}\n" + Sandbox.DeProd, "confg", "did you mean 'config'?");
        // Files that are not stack files
        yield return ("fifo", s => s.Fifo(Hostile), ["not a regular file"]);
        yield return ("dev-zero", s => s.Symlink(Hostile, "/dev/zero"), ["not a regular file"]);
        yield return ("symlink-loop", s => s.Symlink(Hostile, s.StackFile(Hostile)), ["symbolic link that cannot be resolved"]);
        yield return ("symlink-dangling", s => s.Symlink(Hostile, Path.Combine(s.Root, "nowhere.yaml")), ["symbolic link to a missing file"]);
        yield return ("folder", s => Directory.CreateDirectory(s.StackFile(Hostile)), ["is a folder"]);
        yield return ("empty", s => s.Write(Hostile, ""), ["is empty"]);
        yield return ("not-utf8", s => s.WriteBytes(Hostile, [.. Encoding.ASCII.GetBytes("config:\n  freshfoodz:season: "), 0xFF, 0xFE, 0xC0, 0x0A]), ["not UTF-8"]);
        yield return ("larger-than-1-mib", s => s.Write(Hostile, "config:\n" + Lines(2 * 1024 * 1024, i => $"  freshfoodz:k{i}: v\n")), ["at most 1048576 bytes"]);
    }

    /// <summary><paramref name="line"/>(0), (1), … up to about <paramref name="bytes"/> characters.</summary>
    private static string Lines(int bytes, Func<int, string> line)
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < bytes - 64; i++)
        {
            text.Append(line(i));
        }
        return text.ToString();
    }

    /// <summary>Unusual but valid stack files: a byte-order mark, CRLF line ends. They must work.</summary>
    private static IEnumerable<HostileCase> ValidStackFiles()
    {
        var bom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Sandbox.DeProd)).ToArray();
        var crlf = Sandbox.DeProd.ReplaceLineEndings("\r\n");
        foreach (var (name, bytes) in new[] { ("utf8-bom", bom), ("crlf", Encoding.UTF8.GetBytes(crlf)) })
        {
            yield return new HostileCase($"valid {name} | capacity", ["capacity", "--stack", Hostile, "--season", "weihnachten"], 0, "hostile (de, germanywestcentral)")
            {
                Arrange = s => s.WriteBytes(Hostile, bytes),
            };
            yield return new HostileCase($"valid {name} | report", ["report", "--stack", Hostile, "--year", "2026", "--out", "{out}/r.html"], 0, "wrote")
            {
                Arrange = s => s.WriteBytes(Hostile, bytes),
            };
        }
    }

    /// <summary>A stack's own daily load curve: capacity names it as the curve's source.</summary>
    private static IEnumerable<HostileCase> DailyLoadCurve()
    {
        var yaml = Sandbox.DeProd.TrimEnd() + "\n  freshfoodz:dailyLoad: [" + string.Join(", ", Enumerable.Range(0, 24).Select(h => h == 12 ? "1" : "0.01")) + "]\n";
        yield return new HostileCase("valid daily-load | capacity", ["capacity", "--stack", Hostile, "--season", "weihnachten", "--format", "json"], 0, "\"loadCurve\": \"freshfoodz:dailyLoad in Pulumi.hostile.yaml\"")
        {
            Arrange = s => s.Write(Hostile, yaml),
        };
    }

    private static HostileCase Usage(string name, string says, params string[] args) => new($"cli {name}", args, 1, says);

    /// <summary>release-check's --base folder: missing, a file, empty, and plan files that are not plans.</summary>
    private static IEnumerable<HostileCase> ReleaseCheckPlans()
    {
        static Action<Sandbox> Plan(string file, string text) => s =>
        {
            Directory.CreateDirectory(Path.Combine(s.Root, "base"));
            System.IO.File.WriteAllText(Path.Combine(s.Root, "base", file), text);
        };
        string[] Check() => ["release-check", "--base", "{root}/base", "--date", "2026-12-02"];
        yield return new HostileCase("release-check base-missing", Check(), 1, "--base: no folder");
        yield return new HostileCase("release-check base-a-file", Check(), 1, "--base:", "is a file; expected a folder of plans") { Arrange = s => System.IO.File.WriteAllText(Path.Combine(s.Root, "base"), "x") };
        yield return new HostileCase("release-check base-empty", Check(), 1, "--base: no <stack>.<season>.json plan in") { Arrange = s => Directory.CreateDirectory(Path.Combine(s.Root, "base")) };
        yield return new HostileCase("release-check plan-not-json", Check(), 2, "de-prod.baseline.json is not a plan") { Arrange = Plan("de-prod.baseline.json", "{ not json") };
        yield return new HostileCase("release-check plan-wrong-shape", Check(), 2, "de-prod.baseline.json is not a plan") { Arrange = Plan("de-prod.baseline.json", "{\"stack\": [1, 2]}") };
        yield return new HostileCase("release-check plan-deep", Check(), 2, "de-prod.baseline.json is not a plan") { Arrange = Plan("de-prod.baseline.json", new string('[', 100_000) + new string(']', 100_000)) };
        yield return new HostileCase("release-check plan-over-1-mib", Check(), 2, "de-prod.baseline.json is", "bytes; a plan file may have at most") { Arrange = Plan("de-prod.baseline.json", new string(' ', 1_100_000)) };
        yield return new HostileCase("release-check plan-misnamed", Check(), 2, "holds the plan of de-prod (baseline); its name says de-prod (weihnachten)")
        {
            Arrange = Plan("de-prod.weihnachten.json", System.IO.File.ReadAllText(Path.Combine(CliRunner.Root, "tests", "FreshFoodz.Stacks.Tests", "Golden", "de-prod.baseline.json"))),
        };
        // Third probe: the golden plan changed in one way each. A null or a number beyond its type once ended in exit 70,
        // a newline in a name split the refusal over two lines (and the pull-request comment's table).
        var golden = System.IO.File.ReadAllText(Path.Combine(CliRunner.Root, "tests", "FreshFoodz.Stacks.Tests", "Golden", "de-prod.baseline.json"));
        Action<Sandbox> Changed(Action<System.Text.Json.Nodes.JsonObject> change) => s =>
        {
            var plan = System.Text.Json.Nodes.JsonNode.Parse(golden)!.AsObject();
            change(plan);
            Plan("de-prod.baseline.json", plan.ToJsonString())(s);
        };
        System.Text.Json.Nodes.JsonObject First(System.Text.Json.Nodes.JsonObject plan) => plan["resources"]![0]!.AsObject();
        yield return new HostileCase("release-check plan-inputs-null", Check(), 2, "de-prod.baseline.json is not a plan", "a resource's inputs is not a map") { Arrange = Changed(p => First(p)["inputs"] = null) };
        yield return new HostileCase("release-check plan-resource-null", Check(), 2, "a resource is not a JSON object") { Arrange = Changed(p => p["resources"]!.AsArray().Add(null)) };
        yield return new HostileCase("release-check plan-outputs-missing", Check(), 2, "outputs is not a map") { Arrange = Changed(p => p.Remove("outputs")) };
        yield return new HostileCase("release-check plan-dr-row-null", Check(), 2, "a DR matrix row is not a JSON object") { Arrange = Changed(p => p["drMatrix"]![0] = null) };
        yield return new HostileCase("release-check plan-number-beyond-int", Check(), 2, "the number 99999999999999999999999 is not a 32-bit whole number")
        {
            Arrange = Changed(p => First(p)["inputs"]!["big"] = System.Text.Json.Nodes.JsonNode.Parse("99999999999999999999999")),
        };
        yield return new HostileCase("release-check plan-name-newline", Check(), 2, "holds a control or formatting character", "\\u001B[2J\\n")
        {
            Arrange = Changed(p => First(p)["name"] = First(p)["name"]!.GetValue<string>() + "\u001b[2J\n| forged |"),
        };
        yield return new HostileCase("release-check plan-type-not-a-token", Check(), 2, "a resource's type 'x' is not a type token package:module:Type") { Arrange = Changed(p => First(p)["type"] = "x") };
        // A newline in the folder's name once split the error over two lines.
        yield return new HostileCase("release-check base-path-newline", ["release-check", "--base", "{root}/new\nline", "--date", "2026-12-02"], 2, "new\\nline/de-prod.baseline.json is not a plan")
        {
            Arrange = s =>
            {
                Directory.CreateDirectory(Path.Combine(s.Root, "new\nline"));
                System.IO.File.WriteAllText(Path.Combine(s.Root, "new\nline", "de-prod.baseline.json"), "{");
            },
        };
        // --out may not replace a plan the check reads, however it is spelt.
        yield return new HostileCase("release-check out-onto-base-plan", [.. Check(), "--out", "{root}/base/../base/de-prod.baseline.json"], 1, "--out:", "a file the tool reads") { Arrange = Plan("de-prod.baseline.json", golden) };
        yield return new HostileCase("release-check out-onto-head-plan", [.. Check(), "--head", "{root}/base", "--out", "{root}/base/de-prod.baseline.json"], 1, "a file the tool reads") { Arrange = Plan("de-prod.baseline.json", golden) };
    }

    /// <summary>
    /// The ESC environment definitions a stack file imports (esc/&lt;project&gt;/&lt;name&gt;.yaml), read by the one reader:
    /// each hostile definition is de-prod's own, changed in one way, met by capacity (which reads it before sizing).
    /// </summary>
    private static IEnumerable<HostileCase> EnvironmentDefinitions()
    {
        const string Definition = "esc/freshfoodz/de-prod.yaml";
        static string PathOf(Sandbox s, string name) => Path.Combine(s.Root, "esc", Path.Combine(name.Split('/')) + ".yaml");
        static Action<Sandbox> Write(string text) => s => System.IO.File.WriteAllText(PathOf(s, "freshfoodz/de-prod"), text);
        static Action<Sandbox> Change(string old, string replacement) => s =>
        {
            var text = System.IO.File.ReadAllText(PathOf(s, "freshfoodz/de-prod"));
            Assert.Contains(old, text, StringComparison.Ordinal);
            System.IO.File.WriteAllText(PathOf(s, "freshfoodz/de-prod"), text.Replace(old, replacement, StringComparison.Ordinal));
        };
        HostileCase Case(string name, int exit, Action<Sandbox> arrange, params string[] says) =>
            new($"esc {name} | capacity", ["capacity", "--stack", "de-prod", "--season", "weihnachten"], exit, says) { Arrange = arrange };
        // A diamond of imports, every level importing every environment of the next: once read exponentially often.
        Action<Sandbox> Diamond(int wide) => s =>
        {
            for (var level = 0; level < 8; level++)
            {
                for (var i = 0; i < wide; i++)
                {
                    var imports = level < 7 ? "imports:\n" + string.Concat(Enumerable.Range(0, wide).Select(j => $"  - x/l{level + 1}-{j}\n")) : "";
                    Directory.CreateDirectory(Path.GetDirectoryName(PathOf(s, $"x/l{level}-{i}"))!);
                    System.IO.File.WriteAllText(PathOf(s, $"x/l{level}-{i}"), imports + "values:\n  pulumiConfig:\n    freshfoodz:alerting:\n      pageRoutingKey: ${a}\n");
                }
            }
            var stack = System.IO.File.ReadAllText(s.StackFile("de-prod"));
            System.IO.File.WriteAllText(s.StackFile("de-prod"), stack.Replace("  - freshfoodz/de-prod\n", "  - x/l0-0\n  - freshfoodz/de-prod\n", StringComparison.Ordinal));
        };
        yield return Case("diamond-6-wide-8-deep", 0, Diamond(6), "de-prod (de, germanywestcentral)");
        yield return Case("diamond-12-wide-8-deep", 2, Diamond(12), "Pulumi.de-prod.yaml", "imports more than 64 ESC environments");
        yield return Case("fifo", 2, s =>
        {
            System.IO.File.Delete(PathOf(s, "freshfoodz/de-prod"));
            Sandbox.FifoAt(PathOf(s, "freshfoodz/de-prod"));
        }, Definition, "not a regular file");
        yield return Case("link-to-dev-zero", 2, s =>
        {
            System.IO.File.Delete(PathOf(s, "freshfoodz/de-prod"));
            System.IO.File.CreateSymbolicLink(PathOf(s, "freshfoodz/de-prod"), "/dev/zero");
        }, Definition, "not a regular file");
        yield return Case("mappings-100k-deep", 2, Write("values:\n  pulumiConfig:\n    freshfoodz:alerting: " + string.Concat(Enumerable.Repeat("{a: ", 100_000)) + "b" + new string('}', 100_000) + "\n"), Definition, "nested more than");
        yield return Case("anchors", 2, Write("values: &v\n  pulumiConfig: *v\n"), Definition, "anchors (&name) are not allowed");
        yield return Case("second-document", 2, Change("values:", "---\nvalues:"), Definition);
        yield return Case("duplicate-key", 2, Change("values:\n", "values:\n  pulumiConfig: {}\n"), Definition, "duplicate key");
        yield return Case("top-level-key-misspelt", 2, Change("values:", "valuez:"), Definition, "valuez");
        yield return Case("nul-after-key", 2, Change("values:", "values:\0"), Definition, "holds the control character U+0000");
        yield return Case("not-utf8", 2, s => System.IO.File.WriteAllBytes(PathOf(s, "freshfoodz/de-prod"), [.. Encoding.ASCII.GetBytes("values: "), 0xFF, 0xFE, 0x0A]), Definition, "not UTF-8");
        yield return Case("over-1-mib", 2, Write("values:\n" + Lines(1_100_000, i => $"  k{i}: v\n")), Definition, "bytes");
        yield return Case("import-name-traversal", 2, Change("imports:\n", "imports:\n  - ../../etc/passwd\n"), "an ESC environment name is project/name", "'../../etc/passwd'");
        yield return Case("imports-itself", 2, Change("imports:\n", "imports:\n  - freshfoodz/de-prod\n"), "imports itself");
        // A byte-order mark and CRLF line ends: an honest definition still reads.
        yield return Case("bom-crlf", 0, s =>
        {
            var text = System.IO.File.ReadAllText(PathOf(s, "freshfoodz/de-prod")).ReplaceLineEndings("\r\n");
            System.IO.File.WriteAllText(PathOf(s, "freshfoodz/de-prod"), text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        }, "de-prod (de, germanywestcentral)");
    }

    /// <summary>report --prometheus: the drills' RTO and RPO from an outside server, refused when implausible, read in one pass.</summary>
    private static IEnumerable<HostileCase> DrillReplies()
    {
        HostileCase Reply(string reply, int exit, params string[] says) =>
            new($"prometheus {reply} | report", ["report", "--stack", "de-prod", "--year", "2026", "--out", "{out}/r.html", "--prometheus", $"{{prometheus}}{reply}/"], exit, says);
        yield return Reply("drill-ok", 0, "wrote");
        yield return Reply("drill-20000-series", 0, "wrote");
        yield return Reply("drill-verified-beyond-9999", 4, "freshfoodz_drill_verified_timestamp_seconds", "1E+300 is implausible", "from 946684800 to 4133980799");
        yield return Reply("drill-rto-negative", 4, "freshfoodz_drill_rto_seconds", "-500 is implausible", "from 0 to 604800");
        yield return Reply("drill-rpo-absurd", 4, "freshfoodz_drill_rpo_seconds", "is implausible");
        yield return Reply("drill-kind-escape", 4, "kind='<script>\\u001B[2J'", "expected pitr, geo, failover");
        yield return Reply("drill-day-not-a-day", 4, "drill='20261345'", "yyyyMMdd");
    }

    private static IEnumerable<HostileCase> CommandLines()
    {
        // Stack names are file names.
        yield return Usage("stack-traversal", "--stack: expected a stack name", "capacity", "--stack", "x/../../outside/evil");
        yield return Usage("stack-traversal-render", "--stack: expected a stack name", "render", "k6", "--stack", "../../../tmp/evil/evil", "--out", "{out}");
        yield return Usage("stack-traversal-report", "--stack: expected a stack name", "report", "--stack", "x/../../evil", "--out", "{out}/r.html");
        yield return Usage("stack-traversal-calibrate", "--stack: expected a stack name", Calibrate, "--stack", "../de-prod", "--prometheus", "{prometheus}ok/", "--write");
        yield return Usage("stack-absolute", "--stack: expected a stack name", "plan", "--stack", "/etc/passwd");
        yield return Usage("stack-empty", "--stack: expected a stack name", "capacity", "--stack", "");
        yield return Usage("stack-capitals", "--stack: expected a stack name", "capacity", "--stack", "DE-PROD");
        yield return Usage("stack-newline", "--stack: expected a stack name", "capacity", "--stack", "de-prod\n");
        yield return Usage("stack-dot", "--stack: expected a stack name", "capacity", "--stack", ".");
        yield return Usage("stack-1000-characters", "--stack: expected a stack name", "capacity", "--stack", new string('a', 1000));
        // Dates, years and times.
        yield return Usage("date-year-1", "--date: expected a date from 2000-01-01 to 2100-12-31", "capacity", "--stack", "de-prod", "--date", "0001-01-01");
        yield return Usage("date-year-9999", "--date: expected a date from 2000-01-01 to 2100-12-31", "plan", "--stack", "de-prod", "--date", "9999-12-31");
        yield return Usage("date-february-30", "--date: expected yyyy-MM-dd", "capacity", "--stack", "de-prod", "--date", "2026-02-30");
        yield return Usage("date-render-monitoring", "--date: expected a date from", "render", "monitoring", "--stack", "de-prod", "--date", "9999-12-31", "--out", "{out}");
        yield return Usage("year-0", "--year: expected a year from 2000 to 2100", "report", "--stack", "de-prod", "--year", "0", "--out", "{out}/r.html");
        yield return Usage("year-99999", "--year: expected a year from 2000 to 2100", "render", "playbooks", "--stack", "de-prod", "--year", "99999", "--out", "{out}");
        yield return Usage("year-not-a-number", "--year", "render", "playbooks", "--stack", "de-prod", "--year", "twenty", "--out", "{out}");
        yield return Usage("now-year-1", "--now: expected a time from", "render", "playbooks", "--stack", "de-prod", "--year", "2026", "--now", "0001-01-01T00:00:00Z", "--out", "{out}");
        yield return Usage("at-year-1", "--at: expected a time from", Calibrate, "--stack", "de-prod", "--prometheus", "{prometheus}ok/", "--at", "0001-01-01T00:00:00Z");
        yield return Usage("at-year-9999", "--at: expected a time from", Calibrate, "--stack", "de-prod", "--prometheus", "{prometheus}ok/", "--at", "9999-12-31T23:59:59Z");
        yield return Usage("at-not-a-time", "--at: expected an ISO 8601 time", Calibrate, "--stack", "de-prod", "--prometheus", "{prometheus}ok/", "--at", "soon");
        // The deployed groups of diff: the stack output's form, nothing else.
        yield return Usage("deployed-100k-groups", "--deployed: expected apps=<season>", "diff", "--stack", "de-prod", "--deployed", string.Join(",", Enumerable.Repeat("apps=baseline", 100_000)));
        yield return Usage("deployed-no-equals", "--deployed: expected apps=<season>", "diff", "--stack", "de-prod", "--deployed", "apps:baseline,primaries:baseline,replicas:baseline");
        yield return Usage("deployed-newline", "--deployed: expected apps=<season>", "diff", "--stack", "de-prod", "--deployed", "apps=baseline\n,primaries=baseline,replicas=baseline");
        yield return Usage("deployed-and-from", "give exactly one of --from <season> and --deployed <groups>", "diff", "--stack", "de-prod", "--deployed", "baseline", "--from", "baseline");
        // Calibration options.
        yield return Usage("timeout-5000000", "--timeout: expected whole seconds from 1 to 600", Calibrate, "--stack", "de-prod", "--prometheus", "{prometheus}ok/", "--timeout", "5000000");
        yield return Usage("timeout-0", "--timeout: expected whole seconds from 1 to 600", Calibrate, "--stack", "de-prod", "--prometheus", "{prometheus}ok/", "--timeout", "0");
        yield return Usage("timeout-negative", "--timeout: expected whole seconds from 1 to 600", Calibrate, "--stack", "de-prod", "--prometheus", "{prometheus}ok/", "--timeout", "-1");
        yield return Usage("timeout-beyond-int", "--timeout", Calibrate, "--stack", "de-prod", "--prometheus", "{prometheus}ok/", "--timeout", "99999999999");
        yield return Usage("baseline-days-99999", "--baseline-days: expected a whole number from 1 to 365", Calibrate, "--stack", "de-prod", "--prometheus", "{prometheus}ok/", "--baseline-days", "99999");
        yield return Usage("baseline-days-0", "--baseline-days: expected a whole number from 1 to 365", Calibrate, "--stack", "de-prod", "--prometheus", "{prometheus}ok/", "--baseline-days", "0");
        yield return Usage("baseline-days-negative", "--baseline-days: expected a whole number from 1 to 365", Calibrate, "--stack", "de-prod", "--prometheus", "{prometheus}ok/", "--baseline-days", "-3");
        yield return Usage("prometheus-ftp", "--prometheus: expected an http(s) URL", Calibrate, "--stack", "de-prod", "--prometheus", "ftp://prometheus.example/");
        yield return Usage("prometheus-not-a-url", "--prometheus: expected an http(s) URL", Calibrate, "--stack", "de-prod", "--prometheus", "not a url");
        yield return Usage("prometheus-password", "credentials in the URL are refused", Calibrate, "--stack", "de-prod", "--prometheus", "http://calibrate:hunter2@127.0.0.1:1/") with { Never = ["hunter2"] };
        yield return Usage("prometheus-password-unparsable", "--prometheus: expected an http(s) URL", Calibrate, "--stack", "de-prod", "--prometheus", "http://calibrate:hunter2@[bad/") with { Never = ["hunter2"] };
        yield return Usage("prometheus-api-key", "the query parameter 'api_key' looks like a credential", Calibrate, "--stack", "de-prod", "--prometheus", "http://127.0.0.1:1/?api_key=hunter2") with { Never = ["hunter2"] };
        yield return Usage("prometheus-token", "the query parameter 'access_token' looks like a credential", Calibrate, "--stack", "de-prod", "--prometheus", "http://127.0.0.1:1/?access_token=hunter2") with { Never = ["hunter2"] };
        yield return new HostileCase("cli basic-auth-without-password", [Calibrate, "--stack", "de-prod", "--prometheus", "{prometheus}ok/", "--basic-auth-user", "calibrate"], 4, "FRESHFOODZ_PROMETHEUS_PASSWORD");
        // Project folder.
        yield return new HostileCase("cli project-dir-missing", ["capacity", "--stack", "de-prod", "--project-dir", "{root}/missing"], 1, "--project-dir: no folder");
        yield return new HostileCase("cli project-dir-a-file", ["capacity", "--stack", "de-prod", "--project-dir", "{root}/Pulumi.yaml"], 1, "--project-dir:", "is a file");
        yield return new HostileCase("cli project-dir-without-stacks", ["capacity", "--stack", "de-prod", "--project-dir", "{out}"], 2, "no stack file Pulumi.de-prod.yaml")
        {
            Arrange = s => Directory.CreateDirectory(s.Out),
        };
        // Output paths.
        foreach (var (command, args) in new (string, string[])[]
        {
            ("render monitoring", ["render", "monitoring", "--stack", "de-prod"]),
            ("render playbooks", ["render", "playbooks", "--stack", "de-prod", "--year", "2026"]),
            ("render k6", ["render", "k6", "--stack", "de-prod"]),
        })
        {
            yield return new HostileCase($"cli out-a-file | {command}", [.. args, "--out", "{root}/Pulumi.yaml"], 1, "--out:", "is a file");
            yield return new HostileCase($"cli out-unwritable | {command}", [.. args, "--out", "/proc/freshfoodz-hostile"], 5, "cannot write /proc/freshfoodz-hostile");
        }
        yield return Usage("report-out-root", "--out: / is a folder", "report", "--stack", "de-prod", "--year", "2026", "--out", "/");
        yield return Usage("report-out-a-folder", "is a folder; expected the file to write", "report", "--stack", "de-prod", "--year", "2026", "--out", "{root}");
        yield return Usage("report-out-under-a-file", "is a file, not a folder", "report", "--stack", "de-prod", "--year", "2026", "--out", "{root}/Pulumi.yaml/report.html");
        yield return new HostileCase("cli report-out-unwritable", ["report", "--stack", "de-prod", "--year", "2026", "--out", "/proc/freshfoodz-hostile/r.html"], 5, "cannot write");
        // The parser's own refusals.
        yield return Usage("unknown-option", "--bogus", "capacity", "--stack", "de-prod", "--bogus");
        yield return Usage("unknown-command", "explode", "explode");
        yield return Usage("season-unknown", "'summer' not recognized", "capacity", "--stack", "de-prod", "--season", "summer");
        yield return Usage("out-missing", "--out", "render", "k6", "--stack", "de-prod");
        yield return Usage("report-prometheus-credentials", "--prometheus: credentials in the URL are refused", "report", "--stack", "de-prod", "--prometheus", "http://u:p@127.0.0.1:9/", "--out", "{out}/r.html");
    }

    /// <summary>A broken stack file beside a valid one must not break the valid one's report or playbooks (they look for a rehearsal stack).</summary>
    private static IEnumerable<HostileCase> BrokenSiblings()
    {
        var siblings = new (string Name, Action<Sandbox> Arrange)[]
        {
            ("billion-laughs", s => s.Write("broken", "config:\n  a: &a [x, x]\n  b: [*a, *a]\n")),
            ("fifo", s => s.Fifo("broken")),
            ("dev-zero", s => s.Symlink("broken", "/dev/zero")),
            ("symlink-loop", s => s.Symlink("broken", s.StackFile("broken"))),
            ("folder", s => Directory.CreateDirectory(s.StackFile("broken"))),
            ("name-not-a-stack-name", s => System.IO.File.WriteAllText(Path.Combine(s.Root, "Pulumi.Bad Name.yaml"), "{")),
        };
        foreach (var (name, arrange) in siblings)
        {
            yield return new HostileCase($"sibling {name} | report", ["report", "--stack", "de-prod", "--year", "2026", "--out", "{out}/r.html"], 0, "wrote") { Arrange = arrange };
            yield return new HostileCase($"sibling {name} | render playbooks", ["render", "playbooks", "--stack", "de-prod", "--year", "2026", "--out", "{out}"], 0, "wrote") { Arrange = arrange };
        }
    }

    private static IEnumerable<HostileCase> PrometheusReplies()
    {
        HostileCase Reply(string reply, int exit, params string[] says) =>
            new($"prometheus {reply}", [Calibrate, "--stack", "de-prod", "--prometheus", $"{{prometheus}}{reply}/", "--at", At, "--baseline-days", "7", "--timeout", "20", "--write"], exit, says);

        yield return Reply("ok", 0, "baselineRequestsPerSecond", "Nothing written") with { Args = [Calibrate, "--stack", "de-prod", "--prometheus", "{prometheus}ok/", "--at", At, "--baseline-days", "7"] };
        foreach (var reply in new[] { "empty-object", "array", "null", "status-number", "no-data", "result-not-a-list", "result-of-numbers", "sample-a-number", "sample-short", "sample-time-beyond-9999" })
        {
            yield return Reply(reply, 4, RequestsQuery);
        }
        yield return Reply("sample-not-a-number", 4, RateQuery, "not a number (fifty)");
        yield return Reply("labels-not-text", 4, RateQuery, "no samples on the baseline days");
        yield return Reply("nan", 4, RateQuery, "no samples on the baseline days");
        yield return Reply("inf", 4, RateQuery, "no samples on the baseline days");
        yield return Reply("rate-absurd", 4, RateQuery, "outside a number from 0.001 to 100000");
        yield return Reply("rate-rounds-to-zero", 4, RateQuery, "outside a number from 0.001 to 100000");
        yield return Reply("mean-absurd", 4, MeanQuery, "outside a number from 0.0001 to 60");
        yield return Reply("mean-rounds-to-zero", 4, MeanQuery, "outside a number from 0.0001 to 60");
        yield return Reply("p95-below-mean", 4, P95Query, "not above the mean");
        yield return Reply("slo-broken-by-measurement", 4, "would make Pulumi.de-prod.yaml invalid", "the file is unchanged");
        yield return Reply("not-json", 4, RequestsQuery, "HTTP 500 and no JSON");
        yield return Reply("json-nested-deep", 4, RequestsQuery, "no JSON");
        yield return Reply("error-with-long-message", 4, RequestsQuery, "bad_data: xxxx");
        yield return Reply("error-not-text", 4, RequestsQuery, "(error: no message)");
        yield return Reply("huge-streamed", 4, RequestsQuery, "more than 32 MiB");
        yield return Reply("huge-declared", 4, RequestsQuery, "more than 32 MiB");
        yield return Reply("unauthorized", 4, RequestsQuery, "(401)");
        // Issue 23: the one HTTP policy. Nothing from another host or scheme is read, let alone written.
        yield return Reply("redirect-other-host", 4, RequestsQuery, "leaves 127.0.0.1 for localhost");
        yield return Reply("redirect-file", 4, RequestsQuery, "the scheme 'file' is not http or https");
        yield return Reply("redirect-loop", 4, RequestsQuery, "more than 5 redirects");
        yield return Reply("charset-unknown", 4, RequestsQuery, "charset 'klingon'");
        yield return Reply("duplicate-route-class", 4, RateQuery, "two series for route_class 'order'");
        yield return Reply("label-escape", 4, RateQuery, "whose route_class 'order\\u001B[2J");
        yield return Reply("just-in-time", 4, "took longer than its deadline of 2 s", "raise --deadline") with
        {
            Args = [Calibrate, "--stack", "de-prod", "--prometheus", "{prometheus}just-in-time/", "--at", At, "--baseline-days", "7", "--timeout", "2", "--deadline", "2", "--write"],
        };
    }

    /// <summary>
    /// Where output goes (issue 23): never onto a link, a device, a pipe or a file the tool reads, never through a
    /// link planted where a file will be written, and a write that fails is exit 5 naming the path, leaving nothing.
    /// </summary>
    private static IEnumerable<HostileCase> Outputs()
    {
        string[] Report(string @out) => ["report", "--stack", "de-prod", "--year", "2026", "--out", @out];
        string[] Playbooks(string @out) => ["render", "playbooks", "--stack", "de-prod", "--year", "2026", "--out", @out];
        static void Pipe(string path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var mkfifo = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
            mkfifo.WaitForExit();
        }
        static void Link(string path, string target)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            System.IO.File.CreateSymbolicLink(path, target);
        }
        yield return new HostileCase("out report-onto-a-pipe", Report("{root}/pipes/report.html"), 1, "--out:", "a device, a pipe or a socket")
        {
            Arrange = s => Pipe(Path.Combine(s.Root, "pipes", "report.html")),
        };
        yield return new HostileCase("out report-onto-a-link-to-dev-null", Report("{root}/null.html"), 1, "--out:", "is a symbolic link")
        {
            Arrange = s => Link(Path.Combine(s.Root, "null.html"), "/dev/null"),
        };
        yield return new HostileCase("out report-onto-a-link", Report("{root}/report.html"), 1, "--out:", "is a symbolic link")
        {
            Arrange = s =>
            {
                System.IO.File.WriteAllText(Path.Combine(s.Root, "victim.html"), "keep me");
                Link(Path.Combine(s.Root, "report.html"), Path.Combine(s.Root, "victim.html"));
            },
        };
        foreach (var (name, input) in new[]
        {
            ("pulumi-yaml", "{root}/Pulumi.yaml"),
            ("stack-file", "{root}/Pulumi.de-prod.yaml"),
            ("other-stack-file", "{root}/Pulumi.ch-prod.yaml"),
            ("price-sheet", "{root}/prices/de-prod.prices.yaml"),
            ("price-sheet-spelt-with-dots", "{root}/out/../prices/./de-prod.prices.yaml"),
            ("price-sheet-through-a-linked-folder", "{root}/linked-prices/de-prod.prices.yaml"),
            // Third probe: the ESC definitions the stack files import are inputs too (a report once replaced one).
            ("esc-definition", "{root}/esc/freshfoodz/de-prod.yaml"),
            ("esc-definition-spelt-with-dots", "{root}/esc/freshfoodz/../freshfoodz/ch-prod.yaml"),
        })
        {
            yield return new HostileCase($"out report-onto-input {name}", Report(input), 1, "--out:", "a file the tool reads")
            {
                Arrange = s => Link(Path.Combine(s.Root, "linked-prices"), Path.Combine(s.Root, "prices")),
            };
        }
        yield return new HostileCase("out report-onto-the-target-of-a-linked-stack-file", Report("{root}/elsewhere/de.yaml"), 1, "--out:", "Pulumi.de-prod.yaml, a file the tool reads")
        {
            Arrange = s =>
            {
                Directory.CreateDirectory(Path.Combine(s.Root, "elsewhere"));
                System.IO.File.Move(s.StackFile("de-prod"), Path.Combine(s.Root, "elsewhere", "de.yaml"));
                System.IO.File.CreateSymbolicLink(s.StackFile("de-prod"), Path.Combine(s.Root, "elsewhere", "de.yaml"));
            },
        };
        // A node planted where render will write a file: the first file, so nothing at all is written.
        yield return new HostileCase("out playbooks-onto-a-planted-pipe", Playbooks("{root}/playbooks"), 5, "cannot write", "de-prod-2026-playbooks.md", "a device, a pipe or a socket")
        {
            Arrange = s => Pipe(Path.Combine(s.Root, "playbooks", "de-prod-2026-playbooks.md")),
        };
        yield return new HostileCase("out playbooks-onto-a-planted-link", Playbooks("{root}/playbooks"), 5, "cannot write", "de-prod-2026-playbooks.md", "is a symbolic link")
        {
            Arrange = s =>
            {
                System.IO.File.WriteAllText(Path.Combine(s.Root, "victim.md"), "keep me");
                Link(Path.Combine(s.Root, "playbooks", "de-prod-2026-playbooks.md"), Path.Combine(s.Root, "victim.md"));
            },
        };
        // A newline in a path never splits a line: not in what is written, not in an error.
        yield return new HostileCase("out report-path-with-a-newline", Report("{out}/a\nb\u001b[2J/r.html"), 0, "wrote", "a\\nb\\u001B[2J");
        yield return new HostileCase("out report-unwritable-path-with-a-newline", Report("/proc/freshfoodz\nhostile/r.html"), 5, "cannot write /proc/freshfoodz\\nhostile");
        // A write that fails (the temporary sibling's name is too long for the file system) is exit 5, never 70,
        // and leaves neither a changed file nor a temporary one.
        var longName = new string('s', 240) + ".yaml";
        yield return new HostileCase("out calibrate-write-fails", [Calibrate, "--stack", Hostile, "--prometheus", "{prometheus}ok/", "--at", At, "--baseline-days", "7", "--write"], 5,
            "cannot write", longName)
        {
            Arrange = s =>
            {
                System.IO.File.WriteAllText(Path.Combine(s.Root, longName), Sandbox.DeProd);
                System.IO.File.CreateSymbolicLink(s.StackFile(Hostile), Path.Combine(s.Root, longName));
            },
        };
        yield return new HostileCase("out prices-refresh-write-fails", ["prices", "refresh", "--stack", "de-prod", "--api", "{retail}ok/api/retail/prices"], 5,
            "cannot write", longName)
        {
            Arrange = s =>
            {
                var sheet = Path.Combine(s.Root, "prices", "de-prod.prices.yaml");
                System.IO.File.Move(sheet, Path.Combine(s.Root, "prices", longName));
                System.IO.File.CreateSymbolicLink(sheet, Path.Combine(s.Root, "prices", longName));
            },
        };
    }

    /// <summary>
    /// prices refresh against a Retail Prices API gone wrong (issue 23): a reply without end, pages that never stop,
    /// links and redirects off the server, an unknown charset, prices a sheet refuses. Each is exit 4 naming the URL,
    /// and the sheet is not touched.
    /// </summary>
    private static IEnumerable<HostileCase> RetailPricesReplies()
    {
        HostileCase Reply(string reply, params string[] says) =>
            new($"retail {reply}", ["prices", "refresh", "--stack", "de-prod", "--api", $"{{retail}}{reply}/api/retail/prices", "--timeout", "2", "--deadline", "5"], 4, says);

        yield return Reply("huge", "more than 4 MiB");
        yield return Reply("slow-pages", "took longer than its deadline of 5 s", "nothing was written");
        yield return Reply("next-other-host", "leaves 127.0.0.1 for localhost");
        yield return Reply("next-ftp", "the scheme 'ftp' is not http or https");
        yield return Reply("next-relative", "/next-relative/api/retail/page2?x=1", "malformed JSON");
        yield return Reply("redirect-file", "the scheme 'file' is not http or https");
        yield return Reply("redirect-other-host", "leaves 127.0.0.1 for localhost");
        yield return Reply("charset-unknown", "charset 'klingon'");
        yield return Reply("price-absurd", "prices a sheet cannot hold", "must be a number from 0 to 1000", "nothing was written");
        yield return Reply("meter-name-escape", "prices a sheet cannot hold", "must be printable text", "nothing was written");
    }

    /// <summary>
    /// The files beside the stack that cost reads: the price sheet and the usage estimates, each broken the ways a
    /// stack file can be, through the commands that price (capacity, report).
    /// </summary>
    private static IEnumerable<HostileCase> BrokenPricingFiles()
    {
        static string Prices(Sandbox s) => Path.Combine(s.Root, "prices", "de-prod.prices.yaml");
        static string Usage(Sandbox s) => Path.Combine(s.Root, "prices", "de-prod.usage.yaml");
        static void Fifo(string path)
        {
            using var mkfifo = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
            mkfifo.WaitForExit();
        }
        var broken = new (string Name, Func<Sandbox, string> Path, Action<string> Arrange, string Says)[]
        {
            ("price sheet fifo", Prices, p => { System.IO.File.Delete(p); Fifo(p); }, "not a regular file"),
            ("price sheet dev-zero", Prices, p => { System.IO.File.Delete(p); System.IO.File.CreateSymbolicLink(p, "/dev/zero"); }, "not a regular file"),
            ("price sheet folder", Prices, p => { System.IO.File.Delete(p); Directory.CreateDirectory(p); }, "is a folder, not a price sheet"),
            ("price sheet larger-than-1-mib", Prices, p => System.IO.File.AppendAllText(p, "# " + new string('x', 1_100_000) + "\n"), "may have at most 1048576 bytes"),
            ("price sheet not-utf8", Prices, p => System.IO.File.WriteAllBytes(p, [0x73, 0x74, 0xff, 0xfe, 0x0a]), "is not UTF-8 text"),
            ("usage fifo", Usage, Fifo, "not a regular file"),
            ("usage symlink-loop", Usage, p => System.IO.File.CreateSymbolicLink(p, p), "cannot be resolved"),
            ("usage larger-than-1-mib", Usage, p => System.IO.File.WriteAllText(p, "stack: de-prod\n# " + new string('x', 1_100_000) + "\n"), "may have at most 1048576 bytes"),
            ("usage malformed", Usage, p => System.IO.File.WriteAllText(p, "stack: de-prod\nvolumes: [\n"), "malformed YAML"),
            ("usage aliases", Usage, p => System.IO.File.WriteAllText(p, "stack: de-prod\nbasis: x\nvolumes:\n  a: &a {storedGb: 1}\n  b: *a\n"), "YAML anchors (&name) are not allowed in a usage file"),
            ("usage unknown-resource", Usage, p => System.IO.File.WriteAllText(p, "stack: de-prod\nbasis: x\nvolumes:\n  logs-workspace-critcal: {ingestionGbPerDay: 1}\n"), "volumes.logs-workspace-critcal names no planned resource"),
            ("usage negative", Usage, p => System.IO.File.WriteAllText(p, "stack: de-prod\nbasis: x\nvolumes:\n  secrets-vault: {operationsPerMonth: -5}\n"), "must be a number from 0 to"),
            // Issue 23: the price and usage readers hold what the stack-file reader holds.
            ("price sheet nested-50000-deep", Prices, p => System.IO.File.AppendAllText(p, "extra: " + new string('[', 50_000) + new string(']', 50_000) + "\n"), "nested more than 32 levels deep; a price sheet needs at most 3"),
            ("price sheet mappings-50000-deep", Prices, p => System.IO.File.AppendAllText(p, "extra: " + string.Concat(Enumerable.Repeat("{a: ", 50_000)) + "b" + new string('}', 50_000) + "\n"), "nested more than 32 levels deep"),
            ("price sheet second-document", Prices, p => System.IO.File.AppendAllText(p, "---\nstack: \"de-prod\"\n"), "a price sheet holds one YAML document"),
            ("price sheet anchor-alias", Prices, p => System.IO.File.AppendAllText(p, "extra: &n \"x\"\n"), "YAML anchors (&name) are not allowed in a price sheet"),
            ("price sheet tagged-duplicate", Prices, p => System.IO.File.AppendAllText(p, "!!str stack: \"de-prod\"\n"), "stack: duplicate key (first at line 3)"),
            ("price sheet foreign-tag", Prices, p => Replace(p, "currency: \"EUR\"", "currency: !!binary RVVS"), "the YAML tag 'tag:yaml.org,2002:binary' is not allowed"),
            ("price sheet unknown-entry-key", Prices, p => Replace(p, "    meterName: \"\"\n", "    meterName: \"\"\n    discount: 0.5\n", 1), "discount: unknown key"),
            ("price sheet misspelt-top-level", Prices, p => Replace(p, "prices:\n", "price:\n"), "price: unknown key (did you mean 'prices'?)"),
            ("price sheet another-stack", Prices, p => Replace(p, "stack: \"de-prod\"", "stack: \"ch-prod\""), "must be 'de-prod', the stack this sheet prices, got 'ch-prod'"),
            ("price sheet compute-per-gb-month", Prices, p => Replace(p, "    unit: \"1 Hour\"", "    unit: \"1 GB/Month\"", 1), "a postgres-compute meter bills per '1 Hour', got '1 GB/Month'"),
            ("price sheet price-unbounded", Prices, p => Replace(p, "price: 0.12\n", "price: 1e27\n"), "must be a number from 0 to 1000"),
            ("price sheet decimal-comma", Prices, p => Replace(p, "price: 0.24\n", "price: 0,24\n"), "got '0,24'"),
            ("price sheet note-escape-sequence", Prices, p => Replace(p, "note: \"", "note: \"\\e[2J\\e]0;owned\\a"), "must be printable text"),
            ("price sheet retrieved-year-9999", Prices, p => Replace(p, "retrieved: null", "retrieved: 9999-12-31"), "retrieved: must be a date yyyy-MM-dd from 2000-01-01 to 2100-12-31"),
            ("usage nested-50000-deep", Usage, p => System.IO.File.WriteAllText(p, "stack: de-prod\nbasis: x\nvolumes: " + new string('[', 50_000) + new string(']', 50_000) + "\n"), "nested more than 32 levels deep; a usage file needs at most 3"),
            ("usage second-document", Usage, p => System.IO.File.WriteAllText(p, "stack: de-prod\nbasis: x\nvolumes: {}\n---\nstack: de-prod\n"), "a usage file holds one YAML document"),
            ("usage tagged-duplicate", Usage, p => System.IO.File.WriteAllText(p, "stack: de-prod\nbasis: x\nvolumes:\n  secrets-vault:\n    operationsPerMonth: 5\n    !!str operationsPerMonth: 500000\n"), "operationsPerMonth: duplicate key"),
            ("usage unknown-quantity", Usage, p => System.IO.File.WriteAllText(p, "stack: de-prod\nbasis: x\nvolumes:\n  secrets-vault: {operationPerMonth: 5}\n"), "unknown key (did you mean 'operationsPerMonth'?)"),
            ("usage decimal-comma", Usage, p => System.IO.File.WriteAllText(p, "stack: de-prod\nbasis: x\nvolumes:\n  secrets-vault: {operationsPerMonth: \"1,5\"}\n"), "got '1,5'"),
            ("usage another-stack", Usage, p => System.IO.File.WriteAllText(p, "stack: ch-prod\nbasis: x\nvolumes: {}\n"), "must be 'de-prod'"),
        };
        foreach (var (name, path, arrange, says) in broken)
        {
            var file = name.StartsWith("usage", StringComparison.Ordinal) ? "prices/de-prod.usage.yaml" : "prices/de-prod.prices.yaml";
            yield return new HostileCase($"{name} | capacity", ["capacity", "--stack", "de-prod"], 2, file, says) { Arrange = s => arrange(path(s)) };
            yield return new HostileCase($"{name} | report", ["report", "--stack", "de-prod", "--year", "2026", "--out", "{out}/r.html"], 2, file, says) { Arrange = s => arrange(path(s)) };
        }
    }

    private static void Replace(string path, string old, string replacement, int count = -1)
    {
        var text = System.IO.File.ReadAllText(path);
        var at = text.IndexOf(old, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new ArgumentException($"not in {path}: {old}");
        }
        System.IO.File.WriteAllText(path, count == 1 ? string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + old.Length)) : text.Replace(old, replacement, StringComparison.Ordinal));
    }

    /// <summary>The inputs that once took minutes or gigabytes: the built binary under a heap limit and a time bound.</summary>
    private static IEnumerable<HostileCase> ChildProcesses()
    {
        foreach (var (name, arrange, says) in BadStackFiles().Where(f => f.Name is "billion-laughs" or "brackets-200k-deep" or "mappings-100k-deep"
            or "unknown-keys-1-mib" or "larger-than-1-mib" or "value-500-kb" or "fifo" or "dev-zero"))
        {
            yield return new HostileCase($"child {name} | capacity", ["capacity", "--stack", Hostile], 2, [File, .. says]) { Arrange = arrange, Child = true };
        }
        foreach (var (name, path, arrange, says) in new (string, string, Action<string>, string)[]
        {
            ("price-sheet-nested-50000-deep", "prices/de-prod.prices.yaml", p => System.IO.File.AppendAllText(p, "extra: " + new string('[', 50_000) + new string(']', 50_000) + "\n"), "nested more than 32 levels deep"),
            ("usage-nested-50000-deep", "prices/de-prod.usage.yaml", p => System.IO.File.WriteAllText(p, "stack: de-prod\nbasis: x\nvolumes: " + string.Concat(Enumerable.Repeat("{a: ", 50_000)) + "b" + new string('}', 50_000) + "\n"), "nested more than 32 levels deep"),
        })
        {
            yield return new HostileCase($"child {name} | capacity", ["capacity", "--stack", "de-prod"], 2, path, says)
            {
                Arrange = s => arrange(Path.Combine(s.Root, path)),
                Child = true,
            };
        }
        yield return new HostileCase("child retail-huge | prices refresh", ["prices", "refresh", "--stack", "de-prod", "--api", "{retail}huge/api/retail/prices"], 4, "more than 4 MiB")
        {
            Child = true,
        };
        yield return new HostileCase("child huge-reply | calibrate",
            [Calibrate, "--stack", "de-prod", "--prometheus", "{prometheus}huge-streamed/", "--at", At, "--baseline-days", "7", "--write"], 4, RequestsQuery, "more than 32 MiB")
        {
            Child = true,
        };
    }
}
