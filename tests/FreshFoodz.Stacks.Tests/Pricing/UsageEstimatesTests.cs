using FreshFoodz.Stacks.Pricing;

namespace FreshFoodz.Stacks.Tests.Pricing;

/// <summary>The usage file: volumes people estimate, read strictly, every error naming the file, line and key.</summary>
public class UsageEstimatesTests
{
    private const string Valid = """
        stack: de-prod
        basis: "Cost Management, November 2026"
        volumes:
          logs-workspace-critical:
            ingestionGbPerDay: 2.5
          platform-cluster:
            processedGbPerMonth: 300
        """;

    [Fact]
    public void ValidFileIsRead()
    {
        var usage = UsageEstimatesFile.Parse("u.yaml", "de-prod", Valid);
        Assert.Equal("Cost Management, November 2026", usage.Basis);
        Assert.Equal(2.5m, usage.Of("logs-workspace-critical", UsageEstimates.IngestionGbPerDay));
        Assert.Equal(300m, usage.Of("platform-cluster", UsageEstimates.ProcessedGbPerMonth));
        Assert.Null(usage.Of("platform-cluster", UsageEstimates.StoredGb));
    }

    [Theory]
    [InlineData("stack: de-prod", "stack: ch-prod", "u.yaml:1: stack: must be 'de-prod', the stack these volumes are of, got 'ch-prod': another stack's file is refused")]
    [InlineData("basis: \"Cost Management, November 2026\"\n", "", "u.yaml:1: basis: missing; expected text of at most 500 characters")]
    [InlineData("ingestionGbPerDay: 2.5", "ingestionGbPerDay: -1", "u.yaml:5: volumes.logs-workspace-critical.ingestionGbPerDay: must be a number from 0 to 1000000000 (in the quantity's unit), got '-1'")]
    [InlineData("ingestionGbPerDay: 2.5", "ingestionGbPerDay: 2,5", "u.yaml:5: volumes.logs-workspace-critical.ingestionGbPerDay: must be a number from 0 to 1000000000 (in the quantity's unit), got '2,5'")]
    [InlineData("ingestionGbPerDay: 2.5", "ingestionGbPerDay: 1e12", "u.yaml:5: volumes.logs-workspace-critical.ingestionGbPerDay: must be a number from 0 to 1000000000 (in the quantity's unit), got '1e12'")]
    [InlineData("ingestionGbPerDay: 2.5", "ingestedGbPerDay: 2.5", "u.yaml:5: volumes.logs-workspace-critical.ingestedGbPerDay: unknown key (did you mean 'ingestionGbPerDay'?); allowed: ingestionGbPerDay, storedGb, processedGbPerMonth, ingressGbPerMonth, egressGbPerMonth, sentGbPerMonth, operationsPerMonth")]
    [InlineData("platform-cluster:\n    processedGbPerMonth: 300", "platform-cluster: 300", "u.yaml:6: volumes.platform-cluster: must be a mapping of ingestionGbPerDay, storedGb, processedGbPerMonth, ingressGbPerMonth, egressGbPerMonth, sentGbPerMonth, operationsPerMonth")]
    [InlineData("volumes:", "volume:", "u.yaml:3: volume: unknown key (did you mean 'volumes'?); allowed: stack, basis, volumes\nu.yaml:1: volumes: missing; expected a mapping of names to a mapping of ingestionGbPerDay, storedGb, processedGbPerMonth, ingressGbPerMonth, egressGbPerMonth, sentGbPerMonth, operationsPerMonth")]
    public void BadFileIsRefusedWithFileLineAndKeyNamed(string from, string to, string message)
    {
        Assert.Contains(from, Valid, StringComparison.Ordinal);
        var e = Assert.Throws<PriceSheetException>(() => UsageEstimatesFile.Parse("u.yaml", "de-prod", Valid.Replace(from, to, StringComparison.Ordinal)));
        Assert.Equal(message.Split('\n'), e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void MalformedYamlNamesTheFile() =>
        Assert.StartsWith("u.yaml:2: (file): malformed YAML:", Assert.Throws<PriceSheetException>(() => UsageEstimatesFile.Parse("u.yaml", "de-prod", "volumes: [\n")).Message, StringComparison.Ordinal);

    [Fact]
    public void NoFileMeansNoEstimatesAndTheSheetCarriesTheFileWhenThereIsOne()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        Directory.CreateDirectory(Path.Combine(dir, "prices"));
        File.Copy(PriceSheet.PathIn(ProjectFiles.Root, "de-prod"), PriceSheet.PathIn(dir, "de-prod"));
        Assert.Same(UsageEstimates.None, PriceSheetFile.Load(dir, "de-prod").Usage);
        File.WriteAllText(UsageEstimates.PathIn(dir, "de-prod"), Valid);
        Assert.Equal(300m, PriceSheetFile.Load(dir, "de-prod").Usage.Of("platform-cluster", UsageEstimates.ProcessedGbPerMonth));
    }
}
