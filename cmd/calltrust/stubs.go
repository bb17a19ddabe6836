package main

import "errors"

var errTODO = errors.New("not built yet")

func runRun(e *env, args []string) error      { return errTODO }
func runWorker(e *env, args []string) error   { return errTODO }
func runEnqueue(e *env, args []string) error  { return errTODO }
func runSchedule(e *env, args []string) error { return errTODO }
func runUpload(e *env, args []string) error   { return errTODO }
func runReport(e *env, args []string) error   { return errTODO }
func runStatus(e *env, args []string) error   { return errTODO }
