using TalentLink.Operations.Cli;

return await OperationsCommands.Build().Parse(args).InvokeAsync();
