using System.CommandLine;
using ImgEda.Core.Running;
using ImgEda.Gate;

var policy = new Option<string?>("--policy")
{
    Description = "The policy file [default: the *.yaml in an input named 'policy', else built-in defaults]",
    HelpName = "FILE",
};
var reportOnly = new Option<bool>("--report-only")
{
    Description = "Write verdict.json and exit 0 whatever it says (where a failed step loses its output, as a failed " +
                  "Pachyderm datum does); enforce it later with --enforce",
};
var enforce = new Option<bool>("--enforce")
{
    Description = "Check nothing: read the verdict.json in the inputs (gate's output) and exit 2 when the dataset " +
                  "failed; writes nothing",
};

return StepCommand.RunDataset(args, "gate",
    "Checks merge's summary.json against a policy (policy.yaml) and writes verdict.json. " +
    "Exit status 2 when the dataset violates the policy.",
    [policy, reportOnly, enforce],
    (parse, context) => parse.GetValue(enforce)
        ? new VerdictEnforcer(context).Run()
        : new GateRunner(context, parse.GetValue(policy), parse.GetValue(reportOnly)).Run());
