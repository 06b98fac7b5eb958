namespace ImgEda.Annotations;

/// <summary>The annotation layouts the step reads, by the names annotations.json gives them.</summary>
public enum AnnotationFormat { Yolo, Coco, Voc }

public static class AnnotationFormatNames
{
    public static string Name(this AnnotationFormat format) => format switch
    {
        AnnotationFormat.Yolo => "yolo",
        AnnotationFormat.Coco => "coco",
        _ => "voc",
    };
}
