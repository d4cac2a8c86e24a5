package dev.srpo.tabletop.render;

import java.util.List;

/**
 * Draws a tabletop scene into an RGB frame ({@code [height, width, 3]}, top row first, upright): the backdrop,
 * then the solids with depth, Lambert shading from the light, and, when the light says so, shadows cast on the
 * table and on other solids. Deterministic: the same inputs give byte-identical frames.
 */
public interface Renderer {

    /**
     * Renders into {@code out}, which must hold {@code 3 × camera.width() × camera.height()} bytes.
     *
     * @throws IllegalArgumentException if {@code out} has the wrong length
     */
    void render(List<Primitive> solids, Camera camera, Lighting lighting, Backdrop backdrop, byte[] out);

    /** Renders into a new frame. */
    default byte[] render(List<Primitive> solids, Camera camera, Lighting lighting, Backdrop backdrop) {
        byte[] out = new byte[3 * camera.width() * camera.height()];
        render(solids, camera, lighting, backdrop, out);
        return out;
    }
}
