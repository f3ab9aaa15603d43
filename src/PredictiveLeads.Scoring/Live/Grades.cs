namespace PredictiveLeads.Scoring.Live;

/// <summary>Letter grades sales reads at a glance: A at or above the A cut-off, then B, then C; below C is D; "-" without a probability.</summary>
public sealed record Grades(double A, double B, double C)
{
    public string Of(double probability) =>
        double.IsNaN(probability) ? "-" : probability >= A ? "A" : probability >= B ? "B" : probability >= C ? "C" : "D";
}
