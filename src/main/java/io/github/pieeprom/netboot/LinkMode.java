package io.github.pieeprom.netboot;

/** How a board's folder refers to the shared boot files. */
public enum LinkMode {
    /** A hard link: no extra space, survives the server's chroot; root and boot files on one file system. */
    HARD,
    /** A relative symbolic link: the boot files must lie inside the TFTP root when the server chroots to it. */
    SYMLINK,
    /** An independent copy. */
    COPY
}
