return FreshFoodz.Cli.CliApp.Run(args, Console.Out, Console.Error, TimeProvider.System);
