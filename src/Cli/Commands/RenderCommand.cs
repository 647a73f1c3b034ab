using System.CommandLine;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Monitoring;

namespace FreshFoodz.Cli.Commands;

/// <summary><c>render monitoring --stack S [--season X] [--date D] --out DIR</c>: writes generated files to review and test.</summary>
internal static class RenderCommand
{
    public static Command Create(CliContext context) =>
        new("render", "Write generated configuration to files.") { Monitoring(context) };

    private static Command Monitoring(CliContext context)
    {
        var selection = new StackSelection();
        var output = new Option<DirectoryInfo>("--out", "-o")
        {
            Description = "Folder to write into (created if missing): rules/, tests/, alertmanager/, dashboards/.",
            Required = true,
        };
        var command = new Command("monitoring",
            "Prometheus rules, their promtool unit tests, the Alertmanager configuration and the war-room dashboard of a stack's season.")
        {
            output,
        };
        selection.AddTo(command);
        command.SetAction(parse =>
        {
            var (settings, date) = selection.Read(parse, context);
            var effective = settings.EffectiveSeason(date);
            var target = parse.GetValue(output)!.FullName;
            var written = MonitoringRender.WriteTo(target, MonitoringRender.Render(MonitoringInputs.For(settings.Monitored(), effective)));
            context.Out.WriteLine($"{settings.StackName} ({settings.Territory.Code}), season {effective.ConfigName()}: {written.Count} files in {target}");
            foreach (var path in written)
            {
                context.Out.WriteLine($"  {Path.GetRelativePath(target, path)}");
            }
            return CliApp.Ok;
        });
        return command;
    }
}
