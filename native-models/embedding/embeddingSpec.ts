/**
 * The photo embedding: CenterNet's MobileNetV3 block 14 depthwise activations (720 channels, stride 32), averaged
 * over the photo area, signed-square-rooted and L2-normalised (see poolEmbedding). Picked by few-shot accuracy on
 * scenes `dev` (test/eval/tune-embedding.ts) among blocks 11–14, the detection head and the heatmap, each pooled
 * three ways: the best candidates were within 0.01 mean F1 of each other, and this is the most compact of them.
 * It comes from the tagger's own CenterNet pass, so it costs no extra inference.
 */
export const embeddingNode = 'tower_0/MobilenetV3/expanded_conv_14/depthwise/hard_swish/mul_1';
export const embeddingSize = 720;
/** Bump when the node or pooling changes: stored embeddings from another version are not comparable. */
export const embeddingVersion = 'centernet-b14dw-meansqrt-v1';
