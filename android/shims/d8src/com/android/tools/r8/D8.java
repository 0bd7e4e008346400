package com.android.tools.r8;

// CHECK-ONLY stand-in for Android's d8 (ANDROID_D8_JAR): writes an EMPTY classes.dex into the
// --output folder so that Slint's include_bytes! of it compiles. android/check compiles and jars it.
public class D8 {
    public static void main(String[] args) throws Exception {
        String out = ".";
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--output")) {
                out = args[i + 1];
            }
        }
        new java.io.File(out).mkdirs();
        new java.io.FileOutputStream(new java.io.File(out, "classes.dex")).close();
    }
}
