using PredictiveLeads.Trainer;

return await CommandLine.RunAsync(args);
