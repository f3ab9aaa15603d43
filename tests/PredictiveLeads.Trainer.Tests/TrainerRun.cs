namespace PredictiveLeads.Trainer.Tests;

/// <summary>Runs the trainer's command line in-process and captures what it prints.</summary>
public sealed record TrainerRun(int ExitCode, string Output, string Error)
{
    public static async Task<TrainerRun> Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, output, error);
        return new TrainerRun(code, output.ToString(), error.ToString());
    }
}
