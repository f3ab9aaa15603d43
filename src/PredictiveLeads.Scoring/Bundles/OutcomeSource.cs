namespace PredictiveLeads.Scoring.Bundles;

/// <summary>Who serves an outcome: a trained model, or the points rules when there was too little data.</summary>
public enum OutcomeSource
{
    Model,
    Rules,
}
