using System.CommandLine;
using FreshFoodz.Operations.YearView;
using FreshFoodz.Stacks.Pricing;

namespace FreshFoodz.Cli.Commands;

/// <summary><c>report --stack S --year Y --out report.html</c>: the year view, one self-contained HTML page.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var stack = CommonOptions.Stack();
        var year = OperationsOptions.Year();
        var output = new Option<FileInfo>("--out")
        {
            Description = "The HTML file to write (its folder is created if missing).",
            Required = true,
        };
        var dir = CommonOptions.ProjectDir();
        var command = new Command("report", "The year view: forecast load against capacity, monthly cost against the static peak, playbook milestones.")
        {
            stack, year, output, dir,
        };
        command.SetAction(parse =>
        {
            var projectDir = CommonOptions.FindProjectDir(parse.GetValue(dir));
            var settings = CommonOptions.LoadSettings(projectDir, parse.GetValue(stack)!, null);
            var y = OperationsOptions.YearOrThisYear(parse.GetValue(year), context);
            var prices = PriceSheetFile.Load(projectDir, settings.StackName);
            var view = YearViewData.Create(settings, prices, y, OperationsOptions.Rehearsal(projectDir, settings) with { Prices = prices });
            var file = OutputPaths.File(parse.GetValue(output)!, projectDir);
            OutputPaths.Write(context, file, YearViewHtml.Render(view));
            return CliApp.Ok;
        });
        return command;
    }
}
