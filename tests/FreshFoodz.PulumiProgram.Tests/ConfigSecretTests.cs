using FreshFoodz.Stacks;
using FreshFoodz.Stacks.Settings;
using Pulumi;

namespace FreshFoodz.PulumiProgram.Tests;

/// <summary>
/// The CLI names secret keys whole (a key with one secure leaf is listed as a whole) and hands their values over
/// decrypted. Nothing of a secret key may reach the plan as text, and a value that should be secret but is not is
/// refused as the offline loader refuses it.
/// </summary>
public class ConfigSecretTests
{
    [Fact]
    public void TheCommittedStacksReadTheSameFromTheCliAsFromTheirFiles()
    {
        foreach (var stack in new[] { "de-prod", "ch-prod", "peak-weihnachten" })
        {
            var fromCli = PulumiCliConfig.For(Repository.Root, stack).Read(stack);
            var fromFile = StackFileLoader.Load(Repository.Root, stack);
            var day = new DateOnly(2026, 12, 2);
            Assert.Equal(
                Components.Plan.PlanJson.Serialize(StackPlanner.Plan(StackSettingsReader.Read(fromFile), day)),
                Components.Plan.PlanJson.Serialize(StackPlanner.Plan(StackSettingsReader.Read(fromCli), day)));
        }
    }

    [Fact]
    public void ASecretKeyWithoutSecretLeavesIsSecretAsAWholeAndRefused()
    {
        // pulumi config set --secret --path 'freshfoodz:databases.high.sku' … lists freshfoodz:databases as secret.
        var values = Values("de-prod");
        var e = Assert.Throws<StackSettingsException>(() => StackSettingsReader.Read(
            PulumiConfigSource.Read("de-prod", key => values.GetValueOrDefault(key.Key), key => key is "freshfoodz:databases" or "freshfoodz:alerting")));
        Assert.Contains(e.Errors, error => error.ToString().Contains("freshfoodz:databases.high.sku", StringComparison.Ordinal)
            && error.ToString().Contains("must be a plain value, not a secret", StringComparison.Ordinal));
        Assert.DoesNotContain(e.Errors, error => error.ToString().Contains("Standard_D2ds_v5", StringComparison.Ordinal));
    }

    [Fact]
    public void AlertingThatIsNotSecretIsRefusedAsInTheStackFile()
    {
        // The same receivers typed in plain text: the CLI does not list the key as secret.
        var values = Values("de-prod");
        var e = Assert.Throws<StackSettingsException>(() => StackSettingsReader.Read(
            PulumiConfigSource.Read("de-prod", key => values.GetValueOrDefault(key.Key), _ => false)));
        Assert.Contains(e.Errors, error => error.ToString().Contains("freshfoodz:alerting.pageRoutingKey: must be a secret, not plain text", StringComparison.Ordinal));
    }

    [Fact]
    public void SecretKeysMustBeAJsonArray()
    {
        Assert.Equal(["a:b", "c:d"], PulumiConfigSource.SecretKeys("[\"a:b\",\"c:d\"]").Order());
        Assert.Empty(PulumiConfigSource.SecretKeys(null));
        var e = Assert.Throws<ResourceException>(() => PulumiConfigSource.SecretKeys("{\"a\":1}"));
        Assert.Contains("PULUMI_CONFIG_SECRET_KEYS", e.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyDictionary<string, string> Values(string stack) => PulumiCliConfig.For(Repository.Root, stack).Values;
}
