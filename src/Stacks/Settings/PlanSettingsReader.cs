using System.Globalization;
using System.Text.RegularExpressions;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Components.Resilience;
using FreshFoodz.Components.Workloads;

namespace FreshFoodz.Stacks.Settings;

/// <summary>Reads and validates the plan's settings (see <see cref="PlanSettings"/>), collecting every problem.</summary>
internal static partial class PlanSettingsReader
{
    /// <summary>Storage sizes a PostgreSQL flexible server offers (GiB; Microsoft docs, concepts-storage).</summary>
    public static readonly int[] StorageSizes = [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32767];

    /// <summary>Major versions we run (the provider accepts 11–18; 11–13 are past community support).</summary>
    public static readonly string[] PostgresVersions = ["14", "15", "16", "17"];

    /// <param name="c">Where values come from and problems go.</param>
    /// <param name="skus">The valid SKUs of freshfoodz:postgresSkus.</param>
    /// <param name="declaredSkus">Every name the SKU table declares, valid or not, so a bad entry is reported once.</param>
    public static PlanSettings? Read(ConfigCursor c, IReadOnlyList<PostgresSku>? skus, IReadOnlyCollection<string> declaredSkus)
    {
        var environment = ReadEnvironment(c);
        var subscription = Matching(c, ConfigKeys.SubscriptionId, Guids.IsNonNil, $"a subscription ID, {Guids.Rule}");
        var shortName = Matching(c, ConfigKeys.ShortName, ShortNamePattern(), "2-10 lowercase letters or digits");
        var costCentre = Matching(c, ConfigKeys.CostCentre, TagValuePattern(), "1-64 letters, digits, '-', '_' or '.'");
        var kubernetes = Matching(c, ConfigKeys.KubernetesVersion, KubernetesVersionPattern(), "a version like 1.33 or 1.33.2");
        var databases = ReadDatabases(c, skus, declaredSkus);
        var replicas = ReadBoolean(c, ConfigKeys.CrossRegionReplicas);
        var modules = ReadModules(c);
        var budget = ReadAiBudget(c);
        var alerting = AlertingSettingsReader.Read(c);
        var network = NetworkSettingsReader.Read(c);
        var chaos = ReadChaosExperiments(c, environment);
        var deployment = DeploymentSettingsReader.Read(c);
        var drill = RestoreDrillSettingsReader.Read(c, deployment?.CreatedOn, out var drillOk);
        return !drillOk || environment is null || subscription is null || shortName is null || costCentre is null || kubernetes is null
            || databases is null || replicas is null || modules is null || budget is null || alerting is null || network is null || chaos is null
            || deployment is null
            ? null
            : new PlanSettings(environment.Value, subscription, shortName, costCentre, kubernetes, databases, replicas.Value, modules, budget)
            {
                Alerting = alerting,
                Network = network,
                ChaosExperiments = chaos.Value,
                Deployment = deployment,
                RestoreDrill = drill,
            };
    }

    /// <summary>Chaos experiments kill pods and cut links on purpose: only a stack holding synthetic data may plan them.</summary>
    private static bool? ReadChaosExperiments(ConfigCursor c, StackEnvironment? environment)
    {
        var key = ConfigKeys.ChaosExperiments;
        var enabled = ReadBoolean(c, key);
        if (enabled == true && environment == StackEnvironment.Production)
        {
            c.Error(c.Key(key), key.Key,
                "chaos experiments run only on a rehearsal stack (freshfoodz:environment: rehearsal, synthetic data only); this stack is production");
            return null;
        }
        return enabled;
    }

    private static StackEnvironment? ReadEnvironment(ConfigCursor c)
    {
        var key = ConfigKeys.Environment;
        var node = c.Key(key);
        return c.Text(node, key.Key) switch
        {
            null => null,
            "production" => StackEnvironment.Production,
            "rehearsal" => StackEnvironment.Rehearsal,
            var other => Fail<StackEnvironment>(c, node, key.Key, $"unknown environment {ValueText.Quote(other)}; allowed: production|rehearsal"),
        };
    }

    private static string? Matching(ConfigCursor c, ConfigKeySpec key, Regex pattern, string expected) => Matching(c, key, pattern.IsMatch, expected);

    private static string? Matching(ConfigCursor c, ConfigKeySpec key, Func<string, bool> accepts, string expected)
    {
        var node = c.Key(key);
        var text = c.Text(node, key.Key);
        if (text is not null && !accepts(text))
        {
            c.Error(node, key.Key, $"must be {expected}, got {ValueText.Quote(text)}");
            return null;
        }
        return text;
    }

    private static bool? ReadBoolean(ConfigCursor c, ConfigKeySpec key)
    {
        var node = c.Key(key);
        return c.Text(node, key.Key) switch
        {
            null => null,
            "true" => true,
            "false" => false,
            var other => Fail<bool>(c, node, key.Key, $"must be true or false, got {ValueText.Quote(other)}"),
        };
    }

    private static DatabaseSettings? ReadDatabases(ConfigCursor c, IReadOnlyList<PostgresSku>? skus, IReadOnlyCollection<string> declared)
    {
        var root = ConfigKeys.Databases.Key;
        var m = c.Map(c.Key(ConfigKeys.Databases), root, ["postgresVersion", "critical", "high", "standard"]);
        var version = c.Word(m, root, "postgresVersion", string.Join("|", PostgresVersions));
        if (version is not null && !PostgresVersions.Contains(version))
        {
            c.Error(m?["postgresVersion"], $"{root}.postgresVersion", $"must be one of {string.Join("|", PostgresVersions)}, got {ValueText.Quote(version)}");
            version = null;
        }
        var critical = ReadTier(c, m, root, DrTier.Critical, skus, declared);
        var high = ReadTier(c, m, root, DrTier.High, skus, declared);
        var standard = ReadTier(c, m, root, DrTier.Standard, skus, declared);
        return version is null || critical is null || high is null || standard is null
            ? null
            : new DatabaseSettings(version, critical, high, standard);
    }

    /// <summary>Critical is sized by the capacity engine (no sku); high needs GeneralPurpose or MemoryOptimized
    /// for its read replica; standard may be Burstable.</summary>
    private static TierDatabase? ReadTier(
        ConfigCursor c, ConfigMap? parent, string root, DrTier tier, IReadOnlyList<PostgresSku>? skus, IReadOnlyCollection<string> declared)
    {
        var path = $"{root}.{tier.Code()}";
        string[] keys = tier == DrTier.Critical ? ["storageSizeGB"] : ["sku", "storageSizeGB"];
        var m = c.Map(c.Child(parent, root, tier.Code(), $"a mapping of {string.Join(", ", keys)}"), path, keys);
        string? sku = null;
        if (tier != DrTier.Critical)
        {
            sku = c.Word(m, path, "sku", "a SKU from freshfoodz:postgresSkus");
            var known = skus?.FirstOrDefault(s => s.Name == sku);
            if (sku is not null && !declared.Contains(sku))
            {
                c.Error(m?["sku"], $"{path}.sku", $"{ValueText.Quote(sku)} is not in freshfoodz:postgresSkus{Suggestions.DidYouMean(sku, declared)}");
                sku = null;
            }
            else if (sku is not null && known is null)
            {
                sku = null; // its table entry is invalid and already reported
            }
            else if (tier == DrTier.High && known is { Tier: PostgresTier.Burstable })
            {
                c.Error(m?["sku"], $"{path}.sku", $"{ValueText.Quote(sku!)} is Burstable, which has no read replicas; the high tier needs GeneralPurpose or MemoryOptimized");
                sku = null;
            }
        }
        var storage = c.Integer(m, path, "storageSizeGB");
        if (storage is not null && !StorageSizes.Contains(storage.Value))
        {
            c.Error(m?["storageSizeGB"], $"{path}.storageSizeGB", $"must be one of {string.Join(", ", StorageSizes)} (GiB), got {storage}");
            storage = null;
        }
        return storage is null || (tier != DrTier.Critical && sku is null) ? null : new TierDatabase(sku, storage.Value);
    }

    private static List<BusinessModule>? ReadModules(ConfigCursor c)
    {
        var root = ConfigKeys.Modules.Key;
        var map = c.Map(c.Key(ConfigKeys.Modules), root);
        if (map is null)
        {
            return null;
        }
        var modules = new List<BusinessModule>();
        var deploymentNames = new HashSet<string>();
        var ok = true;
        foreach (var (name, node) in map.Entries)
        {
            var path = $"{root}.{name}";
            ok &= CheckDnsLabel(c, node, path, name, "module (namespace) name");
            var m = c.Map(node, path, ["drTier", "deployments"]);
            var tierText = c.Word(m, path, "drTier", "critical|high|standard");
            DrTier? tier = tierText switch
            {
                null => null,
                "critical" => DrTier.Critical,
                "high" => DrTier.High,
                "standard" => DrTier.Standard,
                _ => Fail<DrTier>(c, m?["drTier"], $"{path}.drTier", $"unknown DR tier {ValueText.Quote(tierText)}; allowed: critical|high|standard"),
            };
            var deploymentsPath = $"{path}.deployments";
            var deploymentMap = c.Map(c.Child(m, path, "deployments", "a mapping of deployment name -> role, share, priority"), deploymentsPath);
            var deployments = new List<ModuleDeployment>();
            foreach (var (deployment, dnode) in deploymentMap?.Entries ?? [])
            {
                var dpath = $"{deploymentsPath}.{deployment}";
                ok &= CheckDnsLabel(c, dnode, dpath, deployment, "deployment name");
                if (!deploymentNames.Add(deployment))
                {
                    c.Error(dnode, dpath, "deployment names must be unique across modules (they name HPAs and PDBs)");
                    ok = false;
                }
                var d = c.Map(dnode, dpath, ["role", "share", "priority"]);
                var role = c.Word(d, dpath, "role", "api|worker") switch
                {
                    null => (WorkloadRole?)null,
                    "api" => WorkloadRole.Api,
                    "worker" => WorkloadRole.Worker,
                    var other => Fail<WorkloadRole>(c, d?["role"], $"{dpath}.role", $"unknown role {ValueText.Quote(other)}; allowed: api|worker"),
                };
                var share = c.Number(d, dpath, "share");
                var priority = c.Word(d, dpath, "priority", "event-catering|standard|batch") switch
                {
                    null => (WorkloadPriority?)null,
                    "event-catering" => WorkloadPriority.EventCatering,
                    "standard" => WorkloadPriority.Standard,
                    "batch" => WorkloadPriority.Batch,
                    var other => Fail<WorkloadPriority>(c, d?["priority"], $"{dpath}.priority", $"unknown priority {ValueText.Quote(other)}; allowed: event-catering|standard|batch"),
                };
                if (role is null || share is null || priority is null)
                {
                    ok = false;
                    continue;
                }
                deployments.Add(new ModuleDeployment(deployment, role.Value, share.Value, priority.Value));
            }
            if (tier is null || deploymentMap is null)
            {
                ok = false;
                continue;
            }
            modules.Add(new BusinessModule(name, tier.Value, deployments));
        }
        if (!ok)
        {
            return null;
        }
        // Shares of a role split its sized pods, so they must cover exactly all of them.
        foreach (var role in new[] { WorkloadRole.Api, WorkloadRole.Worker })
        {
            var sum = modules.SelectMany(m => m.Deployments).Where(d => d.Role == role).Sum(d => d.Share);
            if (Math.Abs(sum - 1.0) > 1e-6)
            {
                c.Error(map, root, $"the shares of all {role.ToString().ToLowerInvariant()} deployments must add up to 1, got {sum.ToString("0.###", CultureInfo.InvariantCulture)}");
                return null;
            }
        }
        return modules;
    }

    private static AiBudgetSettings? ReadAiBudget(ConfigCursor c)
    {
        var root = ConfigKeys.AiBudget.Key;
        var m = c.Map(c.Key(ConfigKeys.AiBudget), root, ["monthlyAmount", "currency", "contactEmails"]);
        var amount = c.Number(m, root, "monthlyAmount");
        var currency = c.Word(m, root, "currency", string.Join("|", AiBudgetSettings.Currencies));
        if (currency is not null && !AiBudgetSettings.Currencies.Contains(currency))
        {
            c.Error(m?["currency"], $"{root}.currency", $"must be one of {string.Join("|", AiBudgetSettings.Currencies)}, got {ValueText.Quote(currency)}");
            currency = null;
        }
        var emailsNode = c.Child(m, root, "contactEmails", "a list of e-mail addresses");
        List<string>? emails = null;
        if (emailsNode is ConfigList list && list.Items.Count > 0)
        {
            emails = [];
            foreach (var (item, i) in list.Items.Select((item, i) => (item, i)))
            {
                var text = c.Text(item, $"{root}.contactEmails[{i}]");
                if (text is not null && EmailPattern().IsMatch(text))
                {
                    emails.Add(text);
                }
                else if (text is not null)
                {
                    c.Error(item, $"{root}.contactEmails[{i}]", $"must be an e-mail address, got {ValueText.Quote(text)}");
                }
            }
        }
        else if (emailsNode is not null)
        {
            c.Error(emailsNode, $"{root}.contactEmails", "must be a non-empty list of e-mail addresses");
        }
        return amount is null || currency is null || emails is null || emails.Count != (emailsNode as ConfigList)?.Items.Count
            ? null
            : new AiBudgetSettings((decimal)amount.Value, currency, emails);
    }

    /// <summary>Kubernetes names: RFC 1123 labels, lowercase alphanumerics and '-', at most 63 characters.</summary>
    private static bool CheckDnsLabel(ConfigCursor c, ConfigNode node, string path, string name, string what)
    {
        if (DnsLabelPattern().IsMatch(name) && name.Length <= 63)
        {
            return true;
        }
        c.Error(node, path, $"{ValueText.Quote(name)} is not a valid {what}: use lowercase letters, digits and '-', at most 63 characters");
        return false;
    }

    private static T? Fail<T>(ConfigCursor c, ConfigNode? node, string path, string message)
        where T : struct
    {
        c.Error(node, path, message);
        return null;
    }

    [GeneratedRegex(@"\A[a-z0-9]{2,10}\z")]
    private static partial Regex ShortNamePattern();

    [GeneratedRegex(@"\A[A-Za-z0-9._-]{1,64}\z")]
    private static partial Regex TagValuePattern();

    [GeneratedRegex(@"\A[0-9]{1,3}\.[0-9]{1,3}(\.[0-9]{1,3})?\z")]
    private static partial Regex KubernetesVersionPattern();

    [GeneratedRegex(@"\A[a-z0-9]([-a-z0-9]*[a-z0-9])?\z")]
    private static partial Regex DnsLabelPattern();

    [GeneratedRegex(@"\A[^@\s]+@[^@\s]+\.[^@\s]+\z")]
    private static partial Regex EmailPattern();
}
