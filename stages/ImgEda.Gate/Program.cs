using System.CommandLine;
using ImgEda.Core.Running;
using ImgEda.Gate;

var policy = new Option<string?>("--policy") { Description = "The policy file [default: the *.yaml in an input named 'policy', else built-in defaults]", HelpName = "FILE" };

return StepCommand.RunDataset(args, "gate",
    "Checks merge's summary.json against a policy (policy.yaml) and writes verdict.json. Exit status 2 when the dataset violates the policy.",
    [policy],
    (parse, context) => new GateRunner(context, parse.GetValue(policy)).Run());
