using System.CommandLine;
using System.Globalization;
using FreshFoodz.Stacks.Pricing;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Cli.Commands;

/// <summary>
/// <c>prices refresh --stack S [--api URL] [--timeout 30] [--deadline 600]</c>: rewrites prices/&lt;stack&gt;.prices.yaml from the
/// Azure Retail Prices API (public, no credentials), naming each price's meter and listing the meters not found.
/// The only command that goes online for prices; planning reads the file.
/// </summary>
internal static class PricesCommand
{
    public static Command Create(CliContext context) => new("prices", "The stacks' price sheets (prices/<stack>.prices.yaml).") { Refresh(context) };

    private static Command Refresh(CliContext context)
    {
        var stack = CommonOptions.Stack();
        var dir = CommonOptions.ProjectDir();
        var api = new Option<string>("--api")
        {
            Description = "Retail Prices API endpoint.",
            DefaultValueFactory = _ => RetailPricesConnection.Public.ToString(),
        };
        var timeout = new Option<int>("--timeout") { Description = "Seconds each request may take (1 to 600).", DefaultValueFactory = _ => 30 };
        var deadline = new Option<int>("--deadline")
        {
            Description = "Seconds the whole refresh may take, every page and retry included (1 to 3600).",
            DefaultValueFactory = _ => (int)new RetailPricesConnection(RetailPricesConnection.Public, TimeSpan.Zero).Deadline.TotalSeconds,
        };
        var command = new Command("refresh", "Fetch the stack's meters from the Azure Retail Prices API (EUR for de, CHF for ch) and rewrite its price sheet for review.")
        {
            stack, api, timeout, deadline, dir,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var projectDir = CommonOptions.FindProjectDir(parse.GetValue(dir));
            var settings = StackSettingsReader.Read(StackFileLoader.Load(projectDir, parse.GetValue(stack)!));
            var url = Uri.TryCreate(parse.GetValue(api), UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && u.UserInfo.Length == 0
                ? u
                : throw new UsageException($"--api: expected an http(s) URL without credentials, got {CommonOptions.Shown(parse.GetValue(api)!)}");
            var seconds = parse.GetValue(timeout) is > 0 and <= 600 and var t ? t : throw new UsageException("--timeout: expected whole seconds from 1 to 600");
            var whole = parse.GetValue(deadline) is > 0 and <= 3600 and var d ? d : throw new UsageException("--deadline: expected whole seconds from 1 to 3600");
            using var client = new RetailPricesClient(new RetailPricesConnection(url, TimeSpan.FromSeconds(seconds)) { Deadline = TimeSpan.FromSeconds(whole) });
            var sheet = await PriceRefresh.RunAsync(settings, client, context.Today).ConfigureAwait(false);
            var path = PriceSheet.PathIn(projectDir, settings.StackName);
            try
            {
                // The sheet is read back as planning reads it before it replaces anything.
                PriceSheetFile.Write(path, sheet);
            }
            catch (PriceSheetException e)
            {
                throw new PriceRefreshException(
                    $"the Retail Prices API at {url} answered prices a sheet cannot hold ({(e.Errors.Count > 0 ? e.Errors[0].ToString() : e.Message)}); nothing was written");
            }
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {OutputPaths.Shown(path)}: {sheet.Prices.Count} prices in {sheet.Currency}, {sheet.Missing.Count} meters not found; review with git diff"));
            foreach (var m in sheet.Missing)
            {
                context.Out.WriteLine($"  not found: {m.Key} ({m.Description})");
            }
            return CliApp.Ok;
        });
        return command;
    }
}
