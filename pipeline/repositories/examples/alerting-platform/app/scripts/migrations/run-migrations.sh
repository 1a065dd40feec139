#!/bin/sh
echo migrations
