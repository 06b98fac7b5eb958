using ImgEda.Annotations;
using ImgEda.Core.Running;

return StepCommand.RunDataset(args, "annotations",
    "Finds the annotations of a dataset (YOLO, COCO or Pascal VOC) beside its images, parses them and writes " +
    "annotations.json (format, classes, box statistics relative to the image, every label problem with its file and " +
    "line) and image_annotations.jsonl (each image's boxes and classes) that merge joins into the manifest. " +
    "One datum over the whole dataset: labels and images must be seen together. A layout with no annotations gives " +
    "\"format\": null.",
    [],
    (_, context) => new AnnotationsRunner(context).Run());
