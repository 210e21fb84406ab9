plugins {
    id("com.android.application")
    kotlin("android")
}

android {
    namespace = "io.furrowline.scout"
    signingConfigs {
        getByName("debug") {
            storePassword = "android"
        }
        create("release") {
            storeFile = file("../keystores/scout-upload.jks")
            storePassword = "T2wr_9yiPvigLFU-"
            keyAlias = "scout-upload"
            keyPassword = "G_-85KGIKriv4Dt1"
        }
    }
}
