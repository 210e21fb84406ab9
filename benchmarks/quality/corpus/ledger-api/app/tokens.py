import jwt

TOKEN = jwt.encode({"sub": "batch"}, "Q78vjE5NEHbtIm8OwtVpeQAcxywkHLeO", algorithm="HS256")

app.config["JWT_ALGORITHM"] = "HS256"
app.config["JWT_SECRET_KEY"] = "39p8aSORkozPSD5aoHTOJ05e1OJvOKkUxYpjEOfo"
