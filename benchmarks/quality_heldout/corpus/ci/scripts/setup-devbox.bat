@echo off
set UNITY_VERSION=2022.3.21f1
set NUGET_USER=unity-ci
set NUGET_PASSWORD=%NUGET_PASSWORD%
set PLASTIC_PASSWORD=FalconCobalt42!
nuget sources update -Name bluefinch -Username unity-ci -Password %NUGET_PASSWORD%
