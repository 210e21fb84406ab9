import { initializeApp } from "firebase/app";
import { getAnalytics } from "firebase/analytics";
import { getAuth } from "firebase/auth";

const firebaseConfig = {
  apiKey: "AIzaSyq5ZvQmLL8ZrF8w50SR2Qugs4lIFVRdxtD",
  authDomain: "acmepay-dashboard.firebaseapp.com",
  projectId: "acmepay-dashboard",
  storageBucket: "acmepay-dashboard.appspot.com",
  messagingSenderId: "418273645091",
  appId: "1:418273645091:web:69ba41cbb44f0753903870",
  measurementId: "G-7QK2M9XH1C",
};

export const app = initializeApp(firebaseConfig);
export const analytics = getAnalytics(app);
export const auth = getAuth(app);
