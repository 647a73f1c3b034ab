return await Pulumi.Deployment.RunAsync(FreshFoodz.PulumiProgram.StackBuilder.BuildAsync);
