using System.CommandLine;
using PredictiveLeads.Learning.Common;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Scoring.Schema;
using PredictiveLeads.Trainer.Commands;

namespace PredictiveLeads.Trainer;

/// <summary>The trainer's commands and the one place that turns failures into messages and exit codes.</summary>
public static class CommandLine
{
    public const int Success = 0;
    public const int DataError = 1;
    public const int UsageError = 2;

    public static RootCommand Build()
    {
        var root = new RootCommand("PredictiveLeads trainer: learn lead conversion from a closed-outcome CRM export, score leads and evaluate models.");
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(ScoreCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(SampleDataCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(RulesCommand.Create());
        root.Subcommands.Add(ProfileCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            await error.WriteLineAsync($"error: {parse.Errors[0].Message} (see --help)");
            return UsageError;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is UsageException or UnknownColumnException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return UsageError;
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return UsageError;
        }
        catch (Exception e) when (e is DataFormatException or ModelFormatException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return DataError;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("error: cancelled; nothing was written");
            return DataError;
        }
        catch (Exception e)
        {
            // A bug rather than bad input: still one line, so scripts and users see a message, not a trace.
            await error.WriteLineAsync($"error: unexpected failure ({e.GetType().Name}): {e.Message}");
            return DataError;
        }
    }
}

/// <summary>A command line that is well-formed but asks for something impossible (conflicting or out-of-range options).</summary>
public sealed class UsageException(string message) : Exception(message);
