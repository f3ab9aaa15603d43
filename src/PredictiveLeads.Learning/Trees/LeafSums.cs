namespace PredictiveLeads.Learning.Trees;

/// <summary>Gradient sum, hessian sum and row count of a set of rows.</summary>
public readonly record struct LeafSums(double Gradient, double Hessian, int Rows)
{
    public static LeafSums operator +(LeafSums a, LeafSums b) => new(a.Gradient + b.Gradient, a.Hessian + b.Hessian, a.Rows + b.Rows);

    public static LeafSums operator -(LeafSums a, LeafSums b) => new(a.Gradient - b.Gradient, a.Hessian - b.Hessian, a.Rows - b.Rows);
}
